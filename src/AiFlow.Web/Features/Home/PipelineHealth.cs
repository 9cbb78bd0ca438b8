namespace AiFlow.Web.Features.Home;

/// <summary>One pipeline on the home page: its last run, the last 24 hours, its open reviews, today's spend, its newest evaluation.</summary>
public sealed class PipelineHealth
{
    public Guid PipelineId { get; init; }
    public string Key { get; init; } = "";
    public Guid? LastRunId { get; init; }
    public string? LastRunStatus { get; init; }
    public DateTimeOffset? LastRunAt { get; init; }
    /// <summary>Runs created in the window (whole hours, from the run rollup).</summary>
    public long Runs { get; init; }
    public long FailedRuns { get; init; }
    /// <summary>95th percentile of the run time of runs created in the window that finished.</summary>
    public double? P95Seconds { get; init; }
    /// <summary>Review items still open (pending, in review or escalated) from this pipeline's runs.</summary>
    public long ReviewBacklog { get; init; }
    /// <summary>Cost of step calls that finished since midnight UTC (from the step rollup).</summary>
    public decimal SpendToday { get; init; }
    public Guid? EvaluationId { get; init; }
    public int? EvaluationVersion { get; init; }
    public string? EvaluationStatus { get; init; }
    /// <summary>The newest evaluation's gate verdict; null when it has not finished or had no gate.</summary>
    public bool? GatePassed { get; init; }
}
