namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>How many step runs of one series bucket (hour or day) fell in one latency bucket of <see cref="Domain.Metrics.LatencyHistogram"/>.</summary>
public sealed class LatencyBucketRow
{
    public DateTime Bucket { get; set; }
    public int Index { get; set; }
    public long Steps { get; set; }
}
