namespace AiFlow.Web.Features.Metrics;

/// <summary>One row of the profile form.</summary>
public sealed class MetricTargetForm
{
    public string? MetricKey { get; set; }
    public double? Target { get; set; }
    public double Weight { get; set; } = 1.0;
}
