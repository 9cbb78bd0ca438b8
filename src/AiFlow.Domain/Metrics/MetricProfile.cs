using AiFlow.Domain.Common;

namespace AiFlow.Domain.Metrics;

/// <summary>Which metrics a node evaluates, each with its target.</summary>
public class MetricProfile : IAudited, INumberedVersions
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<MetricTarget> Targets { get; set; } = [];
    /// <summary>The current numbered version (1 on creation, one more on every save that changes something).</summary>
    public int Number { get; set; } = 1;
    public uint Version { get; set; }
}
