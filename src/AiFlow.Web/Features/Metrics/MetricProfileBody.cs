using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// <c>POST/PUT /api/metric-profiles</c> bodies; <see cref="Version"/> is the one read, required on PUT. <see cref="Id"/> is
/// read-only: accepted so a client may send back the profile it read, and ignored.
/// </summary>
public sealed record MetricProfileBody(string? Key, string? Name, IReadOnlyList<MetricTargetBody?>? Targets, uint? Version, Guid? Id = null)
{
    /// <summary>The input to save; a PUT without a key keeps <paramref name="currentKey"/>. A weight left out is 1.</summary>
    public MetricProfileInput ToInput(string? currentKey = null) =>
        new(Key ?? currentKey ?? "", Name ?? "", [.. (Targets ?? []).Select(t => new MetricTarget(t!.MetricKey ?? "", t.Target, t.Weight ?? 1.0))]);
}
