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

    public Task<StepAttempt> StartStepAsync(Guid runId, string nodeKey, Guid stepVersionId, int attempt, CancellationToken cancellationToken)
    {
        Log.Enqueue($"start {nodeKey}#{attempt}");
        return Task.FromResult(new StepAttempt(Guid.NewGuid(), nodeKey, stepVersionId, attempt, $"{runId}:{nodeKey}:{attempt}", new JsonObject()));
    }

    public Task CompleteStepAsync(Guid runId, StepAttempt attempt, StepExecutionResult result, CancellationToken cancellationToken)
    {
        Log.Enqueue($"{result.Outcome.ToString().ToLowerInvariant()} {attempt.NodeKey}#{attempt.Attempt}");
        Final[attempt.NodeKey] = result.Outcome switch
        {
            StepOutcome.Completed => NodeState.Completed,
            StepOutcome.Parked => NodeState.WaitingForReview,
            _ => NodeState.Failed,
        };
        return Task.CompletedTask;
    }

    public Task RecordVerdictAsync(Guid runId, string nodeKey, Guid stepVersionId, NodeState state, string reason, CancellationToken cancellationToken)
    {
        Log.Enqueue($"{state.ToString().ToLowerInvariant()} {nodeKey}: {reason}");
        Final[nodeKey] = state;
        return Task.CompletedTask;
    }

    public Task FinishRunAsync(Guid runId, RunStatus status, string? error, CancellationToken cancellationToken)
    {
        Outcome = status;
        return Task.CompletedTask;
    }
}
