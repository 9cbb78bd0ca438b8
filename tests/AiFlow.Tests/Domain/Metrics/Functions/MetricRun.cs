using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Tests.Domain.Metrics.Functions;

/// <summary>Runs a catalogued metric the way the engine will: parameters validated first, then computed.</summary>
internal static class MetricRun
{
    public static MetricOutcome Of(
        string key, string? actual, string? expected = null, string parameters = "{}", string? schema = null, StepFacts? facts = null)
    {
        var function = Function(key);
        var given = JsonNode.Parse(parameters)!.AsObject();
        Assert.Empty(function.ValidateParameters(given));
        var schemaElement = schema is null ? (JsonElement?)null : JsonDocument.Parse(schema).RootElement;
        return function.Compute(new MetricInput(Parse(actual), Parse(expected), schemaElement, given, facts ?? StepFacts.None));
    }

    /// <summary>The value, failing the test with the not-applicable reason when there is none.</summary>
    public static double Value(string key, string? actual, string? expected = null, string parameters = "{}", string? schema = null)
    {
        var outcome = Of(key, actual, expected, parameters, schema);
        Assert.True(outcome.Value.HasValue, $"{key} was not applicable: {outcome.NotApplicableReason}");
        return outcome.Value.Value;
    }

    public static MetricFunction Function(string key)
    {
        Assert.True(MetricFunctionCatalog.TryGet(key, out var function), $"no metric function '{key}'");
        return function;
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}
