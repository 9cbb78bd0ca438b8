using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Domain.Metrics;

/// <summary>One save of a <see cref="MetricDefinition"/>, as it was then: immutable, numbered from 1, with who saved it and when.</summary>
public class MetricDefinitionVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MetricDefinitionId { get; set; }
    public int Number { get; set; }
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public MetricDirection Direction { get; set; }
    public string? Description { get; set; }
    public string Function { get; set; } = "";
    public string ParametersJson { get; set; } = "{}";
    public MetricAggregation Aggregation { get; set; }
    public string SavedBy { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }

    public static MetricDefinitionVersion Of(MetricDefinition d, string savedBy, DateTimeOffset savedAt)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new()
        {
            MetricDefinitionId = d.Id, Number = d.Number, Key = d.Key, Name = d.Name, Unit = d.Unit, Direction = d.Direction,
            Description = d.Description, Function = d.Function, ParametersJson = d.ParametersJson, Aggregation = d.Aggregation,
            SavedBy = savedBy, SavedAt = savedAt,
        };
    }
}
