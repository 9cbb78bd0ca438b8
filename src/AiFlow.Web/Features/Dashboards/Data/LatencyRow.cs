namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>Latency percentiles of one bucket, or of the whole range when <see cref="Bucket"/> is null (GROUPING SETS).</summary>
public sealed class LatencyRow
{
    public DateTime? Bucket { get; set; }
    public long Steps { get; set; }
    public double? P50Ms { get; set; }
    public double? P95Ms { get; set; }
}
