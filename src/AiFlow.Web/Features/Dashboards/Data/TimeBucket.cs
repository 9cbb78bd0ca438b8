namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>One bucket of the time series (hour or day) with what happened in it.</summary>
public sealed class TimeBucket
{
    public DateTime Bucket { get; set; }
    public long Runs { get; set; }
    public long Steps { get; set; }
    public long FailedSteps { get; set; }
    public long Tokens { get; set; }
    public decimal CostUsd { get; set; }
    public double? P50Ms { get; set; }
    public double? P95Ms { get; set; }
}
