using AiFlow.Infrastructure.Pipelines.Conditions;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class ConditionCompletionTests
{
    private static readonly ConditionScope Scope = new(
        new HashSet<string> { "extract", "classify" },
        new Dictionary<string, IReadOnlySet<string>> { ["classify"] = new HashSet<string> { "confidence", "latency_ms" } });

    private static readonly Dictionary<string, IReadOnlyList<string>> IrFields = new()
    {
        ["extract"] = ["subject", "body"],
        ["classify"] = ["priority", "category"],
        ["reply"] = ["text"], // downstream of the node being edited: never offered
    };

    private static IReadOnlyList<string> Suggest(string text) => ConditionCompletion.Suggest(text, Scope, ["customer", "channel"], IrFields);

    [Fact]
    public void Input_completes_to_the_fields_of_the_pipelines_input_schema()
    {
        Assert.Equal(["input.channel", "input.customer"], Suggest("input."));
    }

    [Fact]
    public void Ir_completes_to_each_upstream_nodes_fields_from_its_ir_schema_and_never_to_a_downstream_node()
    {
        Assert.Equal(["ir.classify.category", "ir.classify.priority", "ir.extract.body", "ir.extract.subject"], Suggest("ir."));
        Assert.Equal(["ir.classify.priority"], Suggest("input.channel == 'mail' &&\n  ir.classify.pr"));
    }

    [Fact]
    public void Metrics_complete_from_the_upstream_nodes_metric_profile()
    {
        Assert.Equal(["metrics.classify.confidence", "metrics.classify.latency_ms"], Suggest("metrics."));
    }

    [Fact]
    public void Nothing_is_suggested_after_an_operator_or_a_complete_path()
    {
        Assert.Empty(Suggest("ir.classify.priority == "));
        Assert.Empty(Suggest("metrics.classify.confidence"));
    }

    [Fact]
    public void Applying_a_suggestion_replaces_only_the_path_being_typed()
    {
        Assert.Equal("input.channel == 'mail' && ir.classify.priority", ConditionCompletion.Apply("input.channel == 'mail' && ir.cl", "ir.classify.priority"));
    }

    [Fact]
    public void A_schemas_top_level_properties_are_its_fields_and_a_broken_schema_has_none()
    {
        Assert.Equal(["subject", "body"], SchemaFields.TopLevel("""{"type":"object","properties":{"subject":{"type":"string"},"body":{}}}"""));
        Assert.Empty(SchemaFields.TopLevel("{not json"));
        Assert.Empty(SchemaFields.TopLevel(null));
    }
}
