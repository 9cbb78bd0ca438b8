using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A metric definition as the engine computes it: its library function (null when the key names none) and parameters.</summary>
public sealed record MetricSpec(Guid Id, MetricDirection Direction, MetricFunction? Function, JsonObject Parameters)
{
    public static MetricSpec Of(Guid id, MetricDirection direction, string function, string parametersJson) =>
        new(id, direction, MetricFunctionCatalog.TryGet(function, out var f) ? f : null,
            JsonNode.Parse(string.IsNullOrWhiteSpace(parametersJson) ? "{}" : parametersJson) as JsonObject ?? []);
}
