using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// A stored metric definition with its function's formula and kind (null for a function the library no longer has);
/// <see cref="Version"/> is its current numbered version, which an update must carry.
/// </summary>
public sealed record MetricDefinitionView(
    Guid Id,
    string Key,
    string Name,
    string? Unit,
    MetricDirection Direction,
    string? Description,
    string Function,
    string? Formula,
    MetricFunctionKind? Kind,
    string ParametersJson,
    MetricAggregation Aggregation,
    uint Version)
{
    public static MetricDefinitionView Of(MetricDefinition d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var known = MetricFunctionCatalog.TryGet(d.Function, out var fn);
        return new(d.Id, d.Key, d.Name, d.Unit, d.Direction, d.Description, d.Function, known ? fn!.Formula : null, known ? fn!.Kind : null,
            d.ParametersJson, d.Aggregation, (uint)d.Number);
    }
}
