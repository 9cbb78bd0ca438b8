using AiFlow.Domain.Common;

namespace AiFlow.Domain.Metrics;

/// <summary>Which metrics a node evaluates, each with its target.</summary>
public class MetricProfile : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<MetricTarget> Targets { get; set; } = [];
    public uint Version { get; set; }
}
