using AiFlow.Web.Features.Dashboards.Data;

namespace AiFlow.Web.Features.Monitoring;

/// <summary>The dashboards' figures over a range, for <c>GET /api/monitoring/metrics</c>; <see cref="Bucket"/> is "hour" or "day".</summary>
public sealed record MonitoringMetrics(DateTimeOffset From, DateTimeOffset To, string Bucket, long Runs, long Steps, long FailedSteps, double? ErrorRate, long Tokens,
    decimal CostUsd, MonitoringLatency Latency, IReadOnlyList<ValidationRate> Validation, IReadOnlyList<Breakdown> ByModel, IReadOnlyList<Breakdown> ByEndpoint,
    IReadOnlyList<Breakdown> ByPipeline, IReadOnlyDictionary<string, int> ReviewBacklog, IReadOnlyList<TimeBucket> Series)
{
    public static MonitoringMetrics Of(DashboardData d) => new(d.From, d.To, d.Hourly ? "hour" : "day", d.Runs, d.Steps, d.FailedSteps, d.ErrorRate, d.Tokens,
        d.CostUsd, new MonitoringLatency(d.Latency.P50Ms, d.Latency.P95Ms), d.Validation, d.ByModel, d.ByEndpoint, d.ByPipeline, d.ReviewBacklog, d.Series);
}

public sealed record MonitoringLatency(double? P50Ms, double? P95Ms);
