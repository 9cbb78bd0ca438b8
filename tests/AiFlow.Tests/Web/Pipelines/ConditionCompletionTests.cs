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

    /// <summary>Suggestions with the caret at the end of <paramref name="text"/>, or where a <c>|</c> marks it.</summary>
    private static IReadOnlyList<string> Suggest(string text)
    {
        var (plain, caret) = AtCaret(text);
        return ConditionCompletion.Suggest(plain, caret, Scope, ["customer", "channel"], IrFields);
    }

    private static (string Text, int Caret) AtCaret(string text) =>
        text.Contains('|', StringComparison.Ordinal) ? (text.Replace("|", "", StringComparison.Ordinal), text.IndexOf('|', StringComparison.Ordinal)) : (text, text.Length);

    private static string Apply(string text, string completion)
    {
        var (plain, caret) = AtCaret(text);
        var (result, at) = ConditionCompletion.Apply(plain, caret, completion);
        return result.Insert(at, "|");
    }

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
        Assert.Equal("input.channel == 'mail' && ir.classify.priority|", Apply("input.channel == 'mail' && ir.cl", "ir.classify.priority"));
    }

    [Fact]
    public void The_path_before_the_caret_is_completed_on_any_line_of_a_multi_line_condition()
    {
        const string Condition = "ir.extract.subject != '' &&\n  metrics.cl| > 0.5 &&\n  input.channel == 'mail'";
        Assert.Equal(["metrics.classify.confidence", "metrics.classify.latency_ms"], Suggest(Condition));
        Assert.Equal(["input.channel", "input.customer"], Suggest("ir.extract.subject != '' &&\n  inp| > 0.5 &&\n  input.channel == 'mail'"));
        Assert.Equal(["ir.extract.body", "ir.extract.subject"], Suggest("ir.ex|\n  && input.channel == 'mail'"));
        // Text after the caret does not count: at the end of the same text there is nothing to complete.
        Assert.Empty(Suggest(Condition.Replace("|", "", StringComparison.Ordinal)));
    }

    [Fact]
    public void Applying_at_the_caret_replaces_the_whole_path_around_it_keeps_the_rest_and_puts_the_caret_after_it()
    {
        Assert.Equal("ir.extract.subject != '' &&\n  metrics.classify.confidence| > 0.5 &&\n  input.channel == 'mail'",
            Apply("ir.extract.subject != '' &&\n  metrics.cl| > 0.5 &&\n  input.channel == 'mail'", "metrics.classify.confidence"));
        // The rest of the same path after the caret is replaced too, not left dangling.
        Assert.Equal("ir.classify.category| == 'x'", Apply("ir.cl|assify.priority == 'x'", "ir.classify.category"));
        Assert.Equal("a && input.channel|", Apply("a && |", "input.channel"));
    }

    [Fact]
    public void A_caret_outside_the_text_is_taken_as_its_end()
    {
        Assert.Equal(["ir.classify.category", "ir.classify.priority"], ConditionCompletion.Suggest("ir.classify.", 99, Scope, ["customer"], IrFields));
        Assert.Equal(("ir.extract.body", 15), ConditionCompletion.Apply("ir.ex", 99, "ir.extract.body"));
        Assert.Empty(ConditionCompletion.Suggest("ir.classify.", -1, Scope, ["customer"], IrFields));
    }

    [Fact]
    public void A_schemas_top_level_properties_are_its_fields_and_a_broken_schema_has_none()
    {
        Assert.Equal(["subject", "body"], SchemaFields.TopLevel("""{"type":"object","properties":{"subject":{"type":"string"},"body":{}}}"""));
        Assert.Empty(SchemaFields.TopLevel("{not json"));
        Assert.Empty(SchemaFields.TopLevel(null));
    }
}
