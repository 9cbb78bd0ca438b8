using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>How metrics, profiles and library functions look over HTTP: enums as words, parameters as JSON.</summary>
public static class MetricJson
{
    public static MetricDefinitionJson Of(MetricDefinitionView d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new(d.Id, d.Key, d.Name, d.Unit, d.Direction, d.Description, d.Function, d.Kind, d.Formula, JsonNode.Parse(d.ParametersJson), d.Aggregation, d.Version);
    }

    public static MetricProfileJson Of(MetricProfileView p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Key, p.Name, p.Targets, p.Version);
    }

    public static MetricFunctionJson Of(MetricFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.Key, f.Kind, f.Formula, f.Parameters);
    }
}

/// <param name="Formula">The library function's formula; null when the function is no longer in the library.</param>
public sealed record MetricDefinitionJson(Guid Id, string Key, string Name, string? Unit, MetricDirection Direction, string? Description, string Function,
    MetricFunctionKind? Kind, string? Formula, JsonNode? Parameters, MetricAggregation Aggregation, uint Version);

public sealed record MetricProfileJson(Guid Id, string Key, string Name, IReadOnlyList<MetricTarget> Targets, uint Version);

public sealed record MetricFunctionJson(string Key, MetricFunctionKind Kind, string Formula, IReadOnlyList<MetricParameter> Parameters);
