using AiFlow.Domain.Metrics;
using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>A metric definition as the console's form edits it; the parameters are the JSON text as typed.</summary>
public sealed class MetricDefinitionForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public string? Description { get; set; }
    public string Function { get; set; } = "";
    public string ParametersJson { get; set; } = "{}";
    public MetricDirection Direction { get; set; } = MetricDirection.HigherIsBetter;
    public MetricAggregation Aggregation { get; set; } = MetricAggregation.Mean;

    public static MetricDefinitionForm From(MetricDefinitionView d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            Key = d.Key, Name = d.Name, Unit = d.Unit, Description = d.Description, Function = d.Function, ParametersJson = d.ParametersJson,
            Direction = d.Direction, Aggregation = d.Aggregation,
        };
    }

    public MetricDefinitionInput ToInput() => new(Key, Name, Unit, Direction, Description, Function, ParametersJson, Aggregation);
}
