using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Pipelines.Conditions;

namespace AiFlow.Tests.Infrastructure.Pipelines;

public class ConditionTests
{
    private static readonly ConditionScope Scope = new(
        new HashSet<string> { "classify", "generate" },
        new Dictionary<string, IReadOnlySet<string>> { ["generate"] = new HashSet<string> { "faithfulness" } });

    [Theory]
    [InlineData("metrics.generate.faithfulness >= 0.8")]
    [InlineData("ir.classify.priority == \"high\" && input.subject.length > 3")]
    [InlineData("metrics.generate.faithfulness < 0.2 || ir['classify'].priority === 'urgent'")]
    public void ConditionChecker_accepts_names_of_upstream_nodes_and_their_metrics(string expression)
    {
        Assert.True(ConditionChecker.Check(expression, Scope).IsValid, string.Join("; ", ConditionChecker.Check(expression, Scope).Errors));
    }

    [Theory]
    [InlineData("ir.draft.reply == 'x'", "'ir.draft' names a node that does not run before this one.")]
    [InlineData("metrics.generate.bleu > 1", "Node 'generate' does not measure 'bleu'")]
    [InlineData("metrics.classify.latency_ms < 2000", "Node 'classify' does not measure 'latency_ms': its metric profile has no such metric")]
    [InlineData("process.exit(1)", "Unknown name 'process'")]
    [InlineData("x = 1", "only read values")]
    [InlineData("ir.classify.priority ==", "Syntax error")]
    public void ConditionChecker_refuses_with_a_message_naming_the_problem(string expression, string expected)
    {
        var result = ConditionChecker.Check(expression, Scope);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void ConditionEvaluator_reads_input_ir_and_metrics()
    {
        var ir = new Dictionary<string, JsonNode?> { ["classify"] = JsonNode.Parse("""{"priority":"high"}""") };
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["generate"] = new Dictionary<string, double> { ["faithfulness"] = 0.85 } };

        Assert.True(ConditionEvaluator.Evaluate("ir.classify.priority == 'high' && metrics.generate.faithfulness >= 0.8", JsonNode.Parse("{}"), ir, metrics));
        Assert.False(ConditionEvaluator.Evaluate("metrics.generate.faithfulness >= 0.9", null, ir, metrics));
    }

    [Fact]
    public void ConditionEvaluator_stops_an_endless_loop_with_a_clear_error()
    {
        var ex = Assert.Throws<ConditionEvaluationException>(() =>
            ConditionEvaluator.Evaluate("(() => { while (true) {} })()", null, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        Assert.Contains("sandbox limits", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionEvaluator_reports_a_runtime_error_with_the_expression()
    {
        var ex = Assert.Throws<ConditionEvaluationException>(() =>
            ConditionEvaluator.Evaluate("ir.missing.priority == 'x'", null, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        Assert.Contains("ir.missing.priority", ex.Message, StringComparison.Ordinal);
    }
}
