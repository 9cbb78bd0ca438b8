using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// What a metric function reads: the step's output IR (<see cref="Actual"/>, null when the step produced none), the
/// ground truth IR (<see cref="Expected"/>, null when there is none), the step's IR schema and the metric's parameters,
/// which the caller has already passed through <see cref="MetricFunction.ValidateParameters"/>.
/// </summary>
public sealed record MetricInput(JsonNode? Actual, JsonNode? Expected, JsonElement? Schema, JsonObject Parameters, StepFacts Facts);
