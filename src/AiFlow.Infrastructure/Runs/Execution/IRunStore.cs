namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The engine's commits. Each call is one transaction guarded by the run's fencing token, so a worker that lost its
/// lease cannot write. At most two commits per executed step: start and finish.
/// </summary>
public interface IRunStore
{
    Task<StepAttempt> StartStepAsync(Guid runId, string nodeKey, Guid stepVersionId, int attempt, CancellationToken cancellationToken);

    Task CompleteStepAsync(Guid runId, StepAttempt attempt, StepExecutionResult result, CancellationToken cancellationToken);

    /// <summary>Records a node that did not execute: skipped (condition false, upstream skipped) or failed (upstream failed, bad condition).</summary>
    Task RecordVerdictAsync(Guid runId, string nodeKey, Guid stepVersionId, Domain.Runs.Scheduling.NodeState state, string reason, CancellationToken cancellationToken);

    Task FinishRunAsync(Guid runId, Domain.Runs.RunStatus status, string? error, CancellationToken cancellationToken);
}
