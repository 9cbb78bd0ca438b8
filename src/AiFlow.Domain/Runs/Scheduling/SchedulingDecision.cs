namespace AiFlow.Domain.Runs.Scheduling;

/// <summary>What the engine should do next with a run's DAG.</summary>
public sealed record SchedulingDecision(
    IReadOnlyList<string> Ready,
    IReadOnlyList<NodeVerdict> Skip,
    IReadOnlyList<NodeVerdict> FailUpstream,
    RunStatus? Outcome)
{
    /// <summary>True when nothing can progress until a human decides.</summary>
    public bool IsParked => Outcome == RunStatus.WaitingForReview;
}
