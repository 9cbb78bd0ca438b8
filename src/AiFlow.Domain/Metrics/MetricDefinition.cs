using AiFlow.Domain.Common;

namespace AiFlow.Domain.Metrics;

public class MetricDefinition : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Unit { get; set; }
    public MetricDirection Direction { get; set; }
    public string? Description { get; set; }
    public uint Version { get; set; }
}
