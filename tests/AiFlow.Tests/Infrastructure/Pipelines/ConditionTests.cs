using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Pipelines.Conditions;

namespace AiFlow.Tests.Infrastructure.Pipelines;

public class ConditionTests
{
    private static readonly ConditionScope Scope = new(
        new HashSet<string> { "classify", "generate", "extract" },
        new Dictionary<string, IReadOnlySet<string>>
        {
            ["generate"] = new HashSet<string> { "faithfulness" },
            ["extract"] = new HashSet<string> { "field_f1" },
        });

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

    [Theory]
    [InlineData("metrics.extract.field_f1 > 0.5", true)]
    [InlineData("ir.classify.priority === 'urgent'", true)]
    [InlineData("input.items.length > 2", true)]
    [InlineData("input.items.length > 3", false)]
    [InlineData("(input.subject || '').toLowerCase().includes('pump')", true)]
    [InlineData("/broken/i.test(input.subject) && input.subject.replace(/\\s+/g, ' ').length < 100", true)]
    [InlineData("input.items[input.items.length - 1] === 3 && Math.max(...input.items) === 3", true)]
    [InlineData("`${ir.classify.priority}-${input.items.join(',')}` === 'urgent-1,2,3'", true)]
    [InlineData("ir.classify.tags?.includes('x') ?? true", true)]
    public void Ordinary_conditions_pass_the_check_and_evaluate_as_written(string expression, bool expected)
    {
        var ir = new Dictionary<string, JsonNode?> { ["classify"] = JsonNode.Parse("""{"priority":"urgent"}""") };
        var metrics = new Dictionary<string, IReadOnlyDictionary<string, double>> { ["extract"] = new Dictionary<string, double> { ["field_f1"] = 0.7 } };

        Assert.Empty(ConditionChecker.Check(expression, Scope).Errors);
        Assert.Equal(expected, ConditionEvaluator.Evaluate(expression, JsonNode.Parse("""{"subject":"Broken  pump","items":[1,2,3]}"""), ir, metrics));
    }

    [Fact]
    public void A_condition_reads_data_with_more_items_than_a_condition_may_build()
    {
        var input = JsonNode.Parse("{\"items\":[" + string.Join(",", Enumerable.Repeat("1", (int)ConditionLimits.MaxArraySize + 1)) + "]}");

        Assert.True(ConditionEvaluator.Evaluate("input.items.length > 100000", input, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));
    }

    [Fact]
    public async Task ConditionEvaluator_evaluates_off_the_callers_thread_with_the_same_answer()
    {
        var ir = new Dictionary<string, JsonNode?> { ["classify"] = JsonNode.Parse("""{"priority":"urgent"}""") };

        Assert.True(await ConditionEvaluator.EvaluateAsync("ir.classify.priority === 'urgent'", null, ir, new Dictionary<string, IReadOnlyDictionary<string, double>>(), CancellationToken.None));
    }

    [Fact]
    public void ConditionEvaluator_refuses_an_endless_loop_before_running_it()
    {
        var ex = Assert.Throws<ConditionEvaluationException>(() =>
            ConditionEvaluator.Evaluate("(() => { while (true) {} })()", null, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        Assert.Contains("only read values", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionEvaluator_reports_a_runtime_error_with_the_expression()
    {
        var ex = Assert.Throws<ConditionEvaluationException>(() =>
            ConditionEvaluator.Evaluate("ir.missing.priority == 'x'", null, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()));
        Assert.Contains("ir.missing.priority", ex.Message, StringComparison.Ordinal);
    }
}
