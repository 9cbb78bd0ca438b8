using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

public class MetricFunctionCatalogTests
{
    private static readonly string[] StepFactKeys = ["latency_ms", "tokens_in", "tokens_out", "cost_usd", "schema_valid"];

    public static TheoryData<string> ReferenceBasedKeys =>
        [.. MetricFunctionCatalog.All.Where(f => f.Kind == MetricFunctionKind.ReferenceBased).Select(f => f.Key)];

    public static TheoryData<string> OutputReadingKeys => [.. MetricFunctionCatalog.All.Select(f => f.Key).Except(StepFactKeys)];

    [Fact]
    public void The_catalog_holds_every_function_once_under_its_documented_key()
    {
        string[] keys =
        [
            "latency_ms", "tokens_in", "tokens_out", "cost_usd", "schema_valid", "json_coverage", "length", "regex_match",
            "contains", "not_contains", "html_wellformed", "span_coverage", "span_overlap", "exact_match", "field_precision",
            "field_recall", "field_f1", "numeric_tolerance", "string_similarity", "rouge_l", "label_accuracy", "set_f1",
            "citation_precision", "citation_recall", "recall_at_k", "mrr", "ndcg_at_k", "judge",
        ];

        Assert.Equal(keys, MetricFunctionCatalog.All.Select(f => f.Key));
        Assert.All(MetricFunctionCatalog.All, f => Assert.False(string.IsNullOrWhiteSpace(f.Formula)));
        Assert.False(MetricFunctionCatalog.TryGet("bleu", out _));
    }

    [Theory]
    [MemberData(nameof(ReferenceBasedKeys))]
    public void A_reference_based_metric_without_ground_truth_is_not_applicable(string key)
    {
        var function = MetricRun.Function(key);
        var parameters = MinimalParameters(function);
        Assert.Empty(function.ValidateParameters(parameters));

        var outcome = function.Compute(new MetricInput(JsonNode.Parse("""{"x": "y"}"""), null, null, parameters, StepFacts.None));

        Assert.Null(outcome.Value);
        Assert.Equal("no ground truth for this input", outcome.NotApplicableReason);
    }

    [Theory]
    [MemberData(nameof(OutputReadingKeys))]
    public void A_metric_of_the_output_is_not_applicable_when_the_step_has_none(string key)
    {
        var function = MetricRun.Function(key);

        var outcome = function.Compute(new MetricInput(null, JsonNode.Parse("{}"), null, MinimalParameters(function), StepFacts.None));

        Assert.Null(outcome.Value);
        Assert.Equal("the step has no output", outcome.NotApplicableReason);
    }

    /// <summary>Each required parameter with a value of its type, so any function can be run.</summary>
    private static JsonObject MinimalParameters(MetricFunction function)
    {
        var parameters = new JsonObject();
        foreach (var parameter in function.Parameters.Where(p => p.Required))
        {
            parameters[parameter.Name] = parameter.Type == MetricParameterType.Pointer ? "/x" : "x";
        }
        return parameters;
    }
}
