namespace AiFlow.Web.Features.Dashboards.Data;

/// <summary>Everything the dashboards page shows for one time range.</summary>
public sealed record DashboardData(DateTimeOffset From, DateTimeOffset To, bool Hourly, IReadOnlyList<TimeBucket> Series, LatencySummary Latency,
    IReadOnlyList<Breakdown> ByModel, IReadOnlyList<Breakdown> ByEndpoint, IReadOnlyList<Breakdown> ByPipeline,
    IReadOnlyList<ValidationRate> Validation, IReadOnlyDictionary<string, int> ReviewBacklog)
{
    public long Runs => Series.Sum(s => s.Runs);
    public long Steps => Series.Sum(s => s.Steps);
    public long FailedSteps => Series.Sum(s => s.FailedSteps);
    public long Tokens => Series.Sum(s => s.Tokens);
    public decimal CostUsd => Series.Sum(s => s.CostUsd);
    public double? ErrorRate => Steps == 0 ? null : (double)FailedSteps / Steps;
    public double Minutes => Math.Max(1, (To - From).TotalMinutes);
}
