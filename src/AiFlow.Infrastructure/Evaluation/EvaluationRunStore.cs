using AiFlow.Domain.Inference;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Infrastructure.Runs.Execution;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>
/// The engine's store for one case of an end-to-end evaluation. Nothing is written: no run or step rows, no review items,
/// no metric results, no run telemetry, since an evaluation is not production traffic. It keeps each node's latest
/// outcome and the gateway rows of every call, for the case's result. Idempotency keys are the evaluation's, per case,
/// side, node and attempt, so a case repeated after a crash is visible as such at the endpoint.
/// </summary>
internal sealed class EvaluationRunStore(LoadedRun run, string keyPrefix) : IRunStore
{
    private readonly Dictionary<string, DagNode> nodes = run.Plan.Dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);

    /// <summary>Each node's latest finished attempt.</summary>
    public Dictionary<string, StepExecutionResult> Latest { get; } = new(StringComparer.Ordinal);

    /// <summary>Every attempt's outcome, retries included: the case's cost and tokens.</summary>
    public List<StepExecutionResult> Attempts { get; } = [];

    public List<AiRequestLog> RequestLogs { get; } = [];

    public StepAttempt NewAttempt(Guid runId, string nodeKey, Guid stepVersionId, int attempt) =>
        new(Guid.CreateVersion7(), nodeKey, stepVersionId, attempt, $"{keyPrefix}:{nodeKey}:{attempt}", EfRunStore.MergeParams(run, nodes.GetValueOrDefault(nodeKey), stepVersionId));

    /// <summary>The engine commits one round at a time, so the collections need no lock.</summary>
    public Task CommitAsync(Guid runId, RunCommit commit, CancellationToken cancellationToken)
    {
        foreach (var completion in commit.Completions)
        {
            Latest[completion.Attempt.NodeKey] = completion.Result;
            Attempts.Add(completion.Result);
            RequestLogs.AddRange(completion.Result.RequestLogs);
        }
        return Task.CompletedTask;
    }
}
