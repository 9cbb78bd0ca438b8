using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// <c>POST/PUT /api/metrics</c> bodies. Every field is optional here so a missing one is named in the answer rather
/// than failing the binding; <see cref="Version"/> is the one read, required on PUT. <see cref="Id"/>, <see cref="Kind"/>
/// and <see cref="Formula"/> are read-only: accepted so a client may send back the definition it read, and ignored.
/// </summary>
public sealed record MetricDefinitionBody(
    string? Key,
    string? Name,
    string? Unit,
    MetricDirection? Direction,
    string? Description,
    string? Function,
    JsonNode? Parameters,
    MetricAggregation? Aggregation,
    uint? Version,
    Guid? Id = null,
    string? Kind = null,
    string? Formula = null)
{
    /// <summary>The input to save; a PUT without a key keeps <paramref name="currentKey"/>.</summary>
    public MetricDefinitionInput ToInput(string? currentKey = null) =>
        new(Key ?? currentKey ?? "", Name ?? "", Unit, Direction ?? MetricDirection.HigherIsBetter, Description, Function ?? "",
            Parameters?.ToJsonString() ?? "{}", Aggregation ?? MetricAggregation.Mean);
}
