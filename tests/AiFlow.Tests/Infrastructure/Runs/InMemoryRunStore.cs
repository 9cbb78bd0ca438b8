using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Runs.Execution;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>Records the engine's commits in memory, in order, for table-driven semantics tests.</summary>
internal sealed class InMemoryRunStore : IRunStore
{
    public ConcurrentQueue<string> Log { get; } = new();
    public ConcurrentDictionary<string, NodeState> Final { get; } = new();
    public RunStatus? Outcome { get; private set; }
    /// <summary>Every commit the engine made, in order.</summary>
    public List<RunCommit> Commits { get; } = [];

    public StepAttempt NewAttempt(Guid runId, string nodeKey, Guid stepVersionId, int attempt) =>
        new(Guid.NewGuid(), nodeKey, stepVersionId, attempt, $"{runId}:{nodeKey}:{attempt}", new JsonObject());

    public Task CommitAsync(Guid runId, RunCommit commit, CancellationToken cancellationToken)
    {
        Commits.Add(commit);
        foreach (var (attempt, result, _) in commit.Completions)
        {
            Log.Enqueue($"{result.Outcome.ToString().ToLowerInvariant()} {attempt.NodeKey}#{attempt.Attempt}");
            Final[attempt.NodeKey] = result.Outcome switch
            {
                StepOutcome.Completed => NodeState.Completed,
                StepOutcome.Parked => NodeState.WaitingForReview,
                _ => NodeState.Failed,
            };
        }
        foreach (var decision in commit.Decisions)
        {
            Log.Enqueue($"{decision.State.ToString().ToLowerInvariant()} {decision.NodeKey}: {decision.Reason}");
            Final[decision.NodeKey] = decision.State;
        }
        foreach (var start in commit.Starts) Log.Enqueue($"start {start.NodeKey}#{start.Attempt}");
        if (commit.End is { } end) Outcome = end.Status;
        return Task.CompletedTask;
    }
}
