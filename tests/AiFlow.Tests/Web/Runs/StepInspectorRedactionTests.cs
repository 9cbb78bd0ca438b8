using AiFlow.Domain.Privacy;
using AiFlow.Domain.Runs;
using AiFlow.Web.Features.Runs.View;
using Bunit;

namespace AiFlow.Tests.Web.Runs;

public class StepInspectorRedactionTests
{
    private static readonly Guid PromptRecord = Guid.CreateVersion7();

    private static readonly StepInspection Step = new(Guid.CreateVersion7(), "answer", 1, StepRunStatus.Completed, null, null, 12, "sim", "sim-1",
        10, 5, 0m, null, """{"topic":"[EMAIL]"}""", "{}", "Answer about [EMAIL].", "{}", "{}", true, [], [], [], [])
    {
        Redactions =
        [
            new RedactionNote(Guid.CreateVersion7(), "Input", [new PiiFinding(PiiPolicy.Email, "/topic", 1), new PiiFinding(PiiPolicy.Card, "/topic", 2)], false),
            new RedactionNote(PromptRecord, "Rendered prompt", [new PiiFinding(PiiPolicy.Email, null, 1)], true),
        ],
    };

    [Fact]
    public async Task The_inspector_says_what_was_redacted_where_and_an_admin_can_show_a_kept_original()
    {
        await using var ctx = MudBunit.NewContext();
        Guid? asked = null;

        var inspector = ctx.Render<StepInspector>(p => p.Add(c => c.Step, Step).Add(c => c.CanReveal, true)
            .Add(c => c.OnReveal, id => { asked = id; return Task.FromResult<string?>("Answer about jane@example.com."); }));

        Assert.Equal("Input: 1 email at /topic, 2 cards at /topic", Normalise(inspector.Find("[data-testid=redaction][data-field=Input]").TextContent));
        var reveal = Assert.Single(inspector.FindAll("[data-testid=reveal-original]"));
        await reveal.ClickAsync(new());
        Assert.Equal(PromptRecord, asked);
        Assert.Equal("Answer about jane@example.com.", inspector.Find("[data-testid=revealed-original]").TextContent);
    }

    [Fact]
    public async Task Without_the_admin_role_no_original_can_be_asked_for()
    {
        await using var ctx = MudBunit.NewContext();

        var inspector = ctx.Render<StepInspector>(p => p.Add(c => c.Step, Step).Add(c => c.CanReveal, false));

        Assert.Equal(2, inspector.FindAll("[data-testid=redaction]").Count);
        Assert.Empty(inspector.FindAll("[data-testid=reveal-original]"));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
