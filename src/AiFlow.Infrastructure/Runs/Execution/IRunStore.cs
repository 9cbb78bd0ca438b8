namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The engine's writes. Each call is one transaction guarded by the run's fencing token, so a worker that lost its
/// lease cannot write. The engine calls it once per scheduling round, so a step costs one commit in a chain (its
/// completion shares the next step's start) and at most two (start, finish) when it waits for a slot or a retry.
/// </summary>
public interface IRunStore
{
    /// <returns>The started attempts, in the order of <see cref="RunCommit.Starts"/>.</returns>
    Task<IReadOnlyList<StepAttempt>> CommitAsync(Guid runId, RunCommit commit, CancellationToken cancellationToken);
}
