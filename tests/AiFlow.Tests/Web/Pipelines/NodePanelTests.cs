using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Infrastructure.Pipelines.Conditions;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Editor;
using Bunit;

namespace AiFlow.Tests.Web.Pipelines;

public class NodePanelTests
{
    private static readonly Guid Step = Guid.NewGuid();
    private static readonly AuthoringCatalog Catalog = new([new StepOption(Step, "classify", "Classify", 1, "StructuredLlm", null)], []);
    private static readonly ConditionScope UpstreamIsExtract =
        new(new HashSet<string>(StringComparer.Ordinal) { "extract" }, new Dictionary<string, IReadOnlySet<string>>());

    private static IRenderedComponent<NodePanel> Render(BunitContext ctx, DagNode node, Action<DagNode>? changed = null) =>
        ctx.Render<NodePanel>(p => p
            .Add(x => x.Node, node)
            .Add(x => x.Catalog, Catalog)
            .Add(x => x.Scope, UpstreamIsExtract)
            .Add(x => x.Changed, n => changed?.Invoke(n)));

    private static BunitContext NewContext()
    {
        var ctx = MudBunit.NewContext();
        return ctx;
    }

    [Fact]
    public async Task NodePanel_shows_the_condition_error_when_it_names_a_node_that_does_not_run_before()
    {
        await using var ctx = NewContext();
        var node = new DagNode { Key = "reply", StepVersionId = Step, Condition = "ir.later.priority == 'high'" };

        var panel = Render(ctx, node);

        var error = panel.Find("[data-testid=condition-error]");
        Assert.Contains("'ir.later' names a node that does not run before this one", error.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePanel_shows_no_error_for_a_condition_on_an_upstream_node_and_reports_typed_edits()
    {
        await using var ctx = NewContext();
        var node = new DagNode { Key = "reply", StepVersionId = Step, Condition = "ir.extract.customer != ''" };
        DagNode? reported = null;

        var panel = Render(ctx, node, n => reported = n);
        Assert.Empty(panel.FindAll("[data-testid=condition-error]"));

        await panel.Find("#node-condition").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "input.x +" });
        await panel.WaitForAssertionAsync(() => Assert.NotEmpty(panel.FindAll("[data-testid=condition-error]")), TimeSpan.FromSeconds(3));
        Assert.Equal("input.x +", reported?.Condition);
        Assert.Contains("Syntax error", panel.Find("[data-testid=condition-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePanel_suggests_upstream_ir_fields_for_the_path_being_typed_and_a_click_completes_it()
    {
        await using var ctx = NewContext();
        var node = new DagNode { Key = "reply", StepVersionId = Step, Condition = "input.channel == 'mail' &&\n ir.ex" };
        DagNode? reported = null;

        var panel = ctx.Render<NodePanel>(p => p
            .Add(x => x.Node, node)
            .Add(x => x.Catalog, Catalog)
            .Add(x => x.Scope, UpstreamIsExtract)
            .Add(x => x.InputFields, ["channel"])
            .Add(x => x.IrFields, new Dictionary<string, IReadOnlyList<string>> { ["extract"] = ["customer", "subject"] })
            .Add(x => x.Changed, n => reported = n));

        var suggestions = panel.FindAll("[data-testid=condition-suggestion]").Select(b => b.TextContent).ToList();
        Assert.Equal(["ir.extract.customer", "ir.extract.subject"], suggestions);
        Assert.Equal("textarea", panel.Find("#node-condition").TagName.ToLowerInvariant());

        await panel.FindAll("[data-testid=condition-suggestion]")[1].ClickAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());
        Assert.Equal("input.channel == 'mail' &&\n ir.extract.subject", reported?.Condition);
        Assert.Empty(panel.FindAll("[data-testid=condition-suggestion]"));
    }
}
