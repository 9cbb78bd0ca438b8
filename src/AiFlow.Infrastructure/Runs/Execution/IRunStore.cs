namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The engine's writes. Each commit is one transaction guarded by the run's fencing token, so a worker that lost its
/// lease cannot write. The engine commits once per scheduling round: in a chain a step costs one commit (its
/// completion shares the next step's start), and at most two (start, finish) when it waits for a slot or a retry.
/// </summary>
public interface IRunStore
{
    /// <summary>
    /// The next attempt of a node: its row id, idempotency key and merged parameters. Decided in memory, so the attempt
    /// can start while the commit that records it is in flight; the key depends only on run, node and attempt.
    /// </summary>
    StepAttempt NewAttempt(Guid runId, string nodeKey, Guid stepVersionId, int attempt);

    Task CommitAsync(Guid runId, RunCommit commit, CancellationToken cancellationToken);
}
