using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Metrics;

namespace AiFlow.Web.Features.Metrics;

/// <summary>A metric profile as the console's form edits it: rows of metric, target and weight.</summary>
public sealed class MetricProfileForm
{
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public List<MetricTargetForm> Targets { get; } = [];

    public static MetricProfileForm From(MetricProfileView p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var form = new MetricProfileForm { Key = p.Key, Name = p.Name };
        form.Targets.AddRange(p.Targets.Select(t => new MetricTargetForm { MetricKey = t.MetricKey, Target = t.Target, Weight = t.Weight }));
        return form;
    }

    public MetricProfileInput ToInput() => new(Key, Name, [.. Targets.Select(t => new MetricTarget(t.MetricKey ?? "", t.Target, t.Weight))]);
}
