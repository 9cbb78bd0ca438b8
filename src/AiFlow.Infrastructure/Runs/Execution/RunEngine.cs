using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Pipelines.Conditions;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Runs a pinned DAG from its committed progress: ready nodes concurrently (bounded per run and per parallel group),
/// conditions, retries with backoff and jitter, timeouts, continueOnFail, human-review parking.
/// Storage and step kinds are behind interfaces so the same engine runs in production and in table-driven tests.
/// </summary>
public sealed class RunEngine(IRunStore store, IStepExecutor steps, TimeProvider clock, ExecutionOptions options, ILogger logger, Func<double>? jitter = null)
{
    private readonly Func<double> jitter = jitter ?? Random.Shared.NextDouble;
    private readonly RetryBackoff backoff = new(TimeSpan.FromMilliseconds(options.RetryBaseMs), TimeSpan.FromMilliseconds(options.RetryCapMs));

    public async Task<RunStatus> RunAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        var nodes = plan.Dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
        var states = new Dictionary<string, NodeState>(StringComparer.Ordinal);
        var ir = new ConcurrentDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var metrics = new ConcurrentDictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
        foreach (var node in plan.Dag.Nodes)
        {
            var progress = plan.Progress.GetValueOrDefault(node.Key);
            // An attempt that was running when its worker died is pending again: it re-runs with its idempotency key.
            states[node.Key] = progress?.State is null or NodeState.Running ? NodeState.Pending : progress.State;
            if (progress?.State == NodeState.Completed)
            {
                ir[node.Key] = progress.Ir;
                metrics[node.Key] = progress.Metrics;
            }
        }

        using var runSlots = new SemaphoreSlim(options.MaxParallelStepsPerRun);
        var groupSlots = plan.Dag.Nodes.Where(n => n.ParallelGroup is not null).Select(n => n.ParallelGroup!).Distinct()
            .ToDictionary(g => g, _ => new SemaphoreSlim(options.ParallelGroupLimit), StringComparer.Ordinal);
        var running = new Dictionary<string, Task<NodeState>>(StringComparer.Ordinal);
        try
        {
            while (true)
            {
                var decision = DagScheduler.Decide(plan.Dag, states);
                foreach (var verdict in decision.Skip)
                {
                    await store.RecordVerdictAsync(plan.RunId, verdict.Node, nodes[verdict.Node].StepVersionId, NodeState.Skipped, verdict.Reason, cancellationToken);
                    states[verdict.Node] = NodeState.Skipped;
                }
                foreach (var verdict in decision.FailUpstream)
                {
                    await store.RecordVerdictAsync(plan.RunId, verdict.Node, nodes[verdict.Node].StepVersionId, NodeState.Failed, verdict.Reason, cancellationToken);
                    states[verdict.Node] = NodeState.Failed;
                }
                foreach (var key in decision.Ready)
                {
                    states[key] = NodeState.Running;
                    var progress = plan.Progress.GetValueOrDefault(key);
                    running[key] = RunNodeAsync(plan, nodes[key], progress, ir, metrics, runSlots, groupSlots, cancellationToken);
                }

                if (running.Count == 0)
                {
                    var final = DagScheduler.Decide(plan.Dag, states);
                    if (final.Ready.Count > 0 || final.Skip.Count > 0 || final.FailUpstream.Count > 0) continue;
                    // WaitingForReview parks the run: the store releases it until a reviewer decides.
                    var outcome = final.Outcome ?? RunStatus.Failed;
                    await store.FinishRunAsync(plan.RunId, outcome, outcome == RunStatus.Failed ? FirstFailure(states) : null, cancellationToken);
                    return outcome;
                }

                var done = await Task.WhenAny(running.Values);
                var finishedKey = running.First(p => p.Value == done).Key;
                running.Remove(finishedKey);
                states[finishedKey] = await done;
            }
        }
        finally
        {
            foreach (var slot in groupSlots.Values) slot.Dispose();
        }
    }

    private static string FirstFailure(Dictionary<string, NodeState> states) =>
        "Failed nodes: " + string.Join(", ", states.Where(s => s.Value == NodeState.Failed).Select(s => s.Key));

    private async Task<NodeState> RunNodeAsync(RunPlan plan, DagNode node, NodeProgress? progress,
        ConcurrentDictionary<string, JsonNode?> ir, ConcurrentDictionary<string, IReadOnlyDictionary<string, double>> metrics,
        SemaphoreSlim runSlots, Dictionary<string, SemaphoreSlim> groupSlots, CancellationToken cancellationToken)
    {
        var group = node.ParallelGroup is null ? null : groupSlots[node.ParallelGroup];
        await runSlots.WaitAsync(cancellationToken);
        if (group is not null) await group.WaitAsync(cancellationToken);
        try
        {
            var context = new StepContext(plan.RunId, node, plan.Input, new Dictionary<string, JsonNode?>(ir), new Dictionary<string, IReadOnlyDictionary<string, double>>(metrics));
            if (!string.IsNullOrWhiteSpace(node.Condition) && progress?.InFlight is null)
            {
                bool proceed;
                try
                {
                    proceed = ConditionEvaluator.Evaluate(node.Condition, plan.Input, context.Ir, context.Metrics);
                }
                catch (ConditionEvaluationException ex)
                {
                    await store.RecordVerdictAsync(plan.RunId, node.Key, node.StepVersionId, NodeState.Failed, ex.Message, cancellationToken);
                    return NodeState.Failed;
                }
                if (!proceed)
                {
                    await store.RecordVerdictAsync(plan.RunId, node.Key, node.StepVersionId, NodeState.Skipped, $"Condition '{node.Condition}' was false.", cancellationToken);
                    return NodeState.Skipped;
                }
            }

            var attempt = progress?.InFlight?.Attempt ?? (progress?.Attempt ?? 0) + 1;
            var resumed = progress?.InFlight;
            while (true)
            {
                var handle = resumed ?? await store.StartStepAsync(plan.RunId, node.Key, node.StepVersionId, attempt, cancellationToken);
                resumed = null;
                var result = await ExecuteWithTimeoutAsync(handle, context, node, cancellationToken);
                await store.CompleteStepAsync(plan.RunId, handle, result, cancellationToken);
                switch (result.Outcome)
                {
                    case StepOutcome.Parked:
                        return NodeState.WaitingForReview;
                    case StepOutcome.Completed:
                        ir[node.Key] = result.IrJson is null ? null : JsonNode.Parse(result.IrJson);
                        metrics[node.Key] = result.Metrics.ToDictionary(m => m.Key, m => m.Value, StringComparer.Ordinal);
                        return NodeState.Completed;
                }
                if (attempt > node.Retries) return NodeState.Failed;
                var delay = backoff.DelayAfter(attempt, jitter());
                logger.LogInformation("Run {RunId} node {Node} attempt {Attempt} failed ({Error}); retrying in {Delay} ms",
                    plan.RunId, node.Key, attempt, result.Error, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, clock, cancellationToken);
                attempt++;
            }
        }
        finally
        {
            group?.Release();
            runSlots.Release();
        }
    }

    private async Task<StepExecutionResult> ExecuteWithTimeoutAsync(StepAttempt attempt, StepContext context, DagNode node, CancellationToken cancellationToken)
    {
        using var timeout = node.TimeoutMs is { } ms
            ? new CancellationTokenSource(TimeSpan.FromMilliseconds(ms), clock)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await steps.ExecuteAsync(attempt, context, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return StepExecutionResult.Failure($"Timed out after {node.TimeoutMs} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Step {Node} of run {RunId} threw", node.Key, context.RunId);
            return StepExecutionResult.Failure($"{ex.GetType().Name}: {ex.Message}");
        }
    }
}
