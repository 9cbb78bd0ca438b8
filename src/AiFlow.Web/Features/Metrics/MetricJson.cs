using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>How metrics, profiles and library functions look over HTTP: enums as words, parameters as JSON.</summary>
public static class MetricJson
{
    public static object Of(MetricDefinitionView d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new
        {
            d.Id, d.Key, d.Name, d.Unit, Direction = d.Direction.ToString(), d.Description, d.Function, Kind = d.Kind?.ToString(), d.Formula,
            Parameters = JsonNode.Parse(d.ParametersJson), Aggregation = d.Aggregation.ToString(), d.Version,
        };
    }

    public static object Of(MetricProfileView p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new { p.Id, p.Key, p.Name, Targets = p.Targets.Select(t => new { t.MetricKey, t.Target, t.Weight }), p.Version };
    }

    public static object Of(MetricFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new
        {
            f.Key, Kind = f.Kind.ToString(), f.Formula,
            Parameters = f.Parameters.Select(p => new { p.Name, Type = p.Type.ToString(), p.Required, p.Description }),
        };
    }
}
