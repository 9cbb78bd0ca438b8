namespace AiFlow.Web.Features.Dashboards.Data;

public sealed class LatencySummary
{
    public long Steps { get; set; }
    public double? P50Ms { get; set; }
    public double? P95Ms { get; set; }
}
