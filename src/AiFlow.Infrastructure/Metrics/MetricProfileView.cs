using AiFlow.Domain.Metrics;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>A stored metric profile; <see cref="Version"/> is its current numbered version, which an update must carry.</summary>
public sealed record MetricProfileView(Guid Id, string Key, string Name, IReadOnlyList<MetricTarget> Targets, uint Version)
{
    public static MetricProfileView Of(MetricProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.Id, p.Key, p.Name, [.. p.Targets], (uint)p.Number);
    }
}
