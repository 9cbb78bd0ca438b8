using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Pipelines.Conditions;
using Microsoft.Extensions.Logging;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Runs a pinned DAG from its committed progress: ready nodes concurrently (bounded per run and per parallel group),
/// conditions, retries with backoff and jitter, timeouts, continueOnFail, human-review parking.
/// One loop owns the run's state and writes it in rounds: whatever finished since the last commit, the nodes that
/// became decidable and the attempts that can start now go into one <see cref="RunCommit"/>, and those attempts start
/// as it is sent, so a step's call never waits for the database. Storage and step kinds are behind interfaces so the
/// same engine runs in production and in table-driven tests.
/// </summary>
public sealed class RunEngine(IRunStore store, IStepExecutor steps, TimeProvider clock, ExecutionOptions options, ILogger logger, Func<double>? jitter = null)
{
    private readonly Func<double> jitter = jitter ?? Random.Shared.NextDouble;
    private readonly RetryBackoff backoff = new(TimeSpan.FromMilliseconds(options.RetryBaseMs), TimeSpan.FromMilliseconds(options.RetryCapMs));

    public async Task<RunStatus> RunAsync(RunPlan plan, CancellationToken cancellationToken)
    {
        var run = new RunState(plan, options);
        var commit = new RunCommit();
        // One commit in flight at a time, so commits land in order: a completion is only ever committed after the
        // commit that recorded its start, and nothing derived from a refused commit can be committed after it.
        Task? committing = null;
        while (true)
        {
            if (committing is null)
            {
                await ScheduleAsync(run, commit, cancellationToken);
                RunStatus? outcome = null;
                if (run.Busy.Count == 0 && commit.Starts.Count == 0)
                {
                    // WaitingForReview parks the run: the store releases it until a reviewer decides.
                    outcome = DagScheduler.Decide(plan.Dag, run.States).Outcome ?? RunStatus.Failed;
                    commit.End = new RunEnd(outcome.Value, outcome == RunStatus.Failed ? FirstFailure(run.States) : null);
                }
                if (!commit.IsEmpty)
                {
                    // The attempts start before their start commits: their keys are fixed, so if that commit never lands,
                    // whoever takes the run over repeats them under the same idempotency keys (ADR 0013).
                    commit.At = clock.GetUtcNow();
                    foreach (var attempt in commit.Starts) Launch(run, attempt, cancellationToken);
                    committing = store.CommitAsync(plan.RunId, commit, cancellationToken);
                    commit = new RunCommit();
                }
                if (outcome is { } final)
                {
                    await committing!;
                    return final;
                }
            }

            await Task.WhenAny(committing is null ? run.Busy.Values : run.Busy.Values.Append(committing));
            if (committing?.IsCompleted == true)
            {
                await committing; // A refused commit (lease lost) ends the run here.
                committing = null;
            }
            // Everything that finished meanwhile shares the next commit.
            foreach (var (key, task) in run.Busy.Where(p => p.Value.IsCompleted).ToList())
            {
                run.Busy.Remove(key);
                if (run.RetryAttempts.Remove(key, out var next))
                {
                    await task;
                    commit.Starts.Add(store.NewAttempt(plan.RunId, key, run.Nodes[key].StepVersionId, next));
                }
                else
                {
                    Finished(run, commit, await (Task<StepCompletion>)task, cancellationToken);
                }
            }
        }
    }

    /// <summary>Settles skips, upstream failures and conditions, and starts what is ready while slots are free.</summary>
    private async Task ScheduleAsync(RunState run, RunCommit commit, CancellationToken cancellationToken)
    {
        bool decidedByCondition;
        do
        {
            decidedByCondition = false;
            var decision = DagScheduler.Decide(run.Plan.Dag, run.States);
            foreach (var verdict in decision.Skip) Decide(run, commit, verdict.Node, NodeState.Skipped, verdict.Reason);
            foreach (var verdict in decision.FailUpstream) Decide(run, commit, verdict.Node, NodeState.Failed, verdict.Reason);
            foreach (var key in decision.Ready)
            {
                var node = run.Nodes[key];
                run.Resumable.TryGetValue(key, out var resumed);
                // A resumed attempt already passed its condition before its worker died.
                if (resumed is null && await ConditionVerdictAsync(run, node, cancellationToken) is { } verdict)
                {
                    Decide(run, commit, key, verdict.State, verdict.Reason);
                    decidedByCondition = true;
                    continue;
                }
                if (!run.Slots.TryTake(node.ParallelGroup)) continue;
                run.States[key] = NodeState.Running;
                if (resumed is not null)
                {
                    // An attempt that was running when its worker died re-runs as itself, with its idempotency key.
                    run.Resumable.Remove(key);
                    Launch(run, resumed, cancellationToken);
                }
                else
                {
                    commit.Starts.Add(store.NewAttempt(run.Plan.RunId, key, node.StepVersionId, (run.Plan.Progress.GetValueOrDefault(key)?.Attempt ?? 0) + 1));
                }
            }
        }
        while (decidedByCondition);
    }

    private static void Decide(RunState run, RunCommit commit, string key, NodeState state, string reason)
    {
        run.States[key] = state;
        commit.Decisions.Add(new NodeDecision(key, run.Nodes[key].StepVersionId, state, reason));
    }

    private static async Task<(NodeState State, string Reason)?> ConditionVerdictAsync(RunState run, DagNode node, CancellationToken cancellationToken)
    {
        // A node waiting for a slot is offered again every round; its inputs are final, so one evaluation holds.
        if (string.IsNullOrWhiteSpace(node.Condition) || run.ConditionsPassed.Contains(node.Key)) return null;
        try
        {
            // Off the loop's thread with a hard deadline: a runaway condition fails its node, it does not hold the run.
            if (await ConditionEvaluator.EvaluateAsync(node.Condition, run.Plan.Input, run.Ir, run.Metrics, cancellationToken))
            {
                run.ConditionsPassed.Add(node.Key);
                return null;
            }
            return (NodeState.Skipped, $"Condition '{node.Condition}' was false.");
        }
        catch (ConditionEvaluationException ex)
        {
            return (NodeState.Failed, ex.Message);
        }
    }

    private void Launch(RunState run, StepAttempt attempt, CancellationToken cancellationToken)
    {
        var node = run.Nodes[attempt.NodeKey];
        // A copy: the loop records later results while this step runs on another thread.
        var context = new StepContext(run.Plan.RunId, node, run.Plan.Input, new Dictionary<string, JsonNode?>(run.Ir), new Dictionary<string, IReadOnlyDictionary<string, double>>(run.Metrics));
        run.Busy[attempt.NodeKey] = ExecuteAsync(attempt, context, node, cancellationToken);
    }

    private void Finished(RunState run, RunCommit commit, StepCompletion completion, CancellationToken cancellationToken)
    {
        var (attempt, result, _) = completion;
        var node = run.Nodes[attempt.NodeKey];
        // A failure in what the step was given (media missing or of another kind) is the same on every attempt.
        var retried = result.Outcome is not (StepOutcome.Parked or StepOutcome.Completed) && !result.Permanent && attempt.Attempt <= node.Retries;
        // A failure the engine retries is not yet the node's outcome: only the last attempt's failure goes to reviewers
        // (each attempt queued an error item of its own, and one that then succeeded left its error items behind).
        commit.Completions.Add(retried
            ? completion with { Result = result with { Reviews = [.. result.Reviews.Where(r => r.Reason != ReviewReason.StepError)] } }
            : completion);
        switch (result.Outcome)
        {
            case StepOutcome.Parked:
                run.Release(node, NodeState.WaitingForReview);
                return;
            case StepOutcome.Completed:
                run.Ir[node.Key] = result.IrJson is null ? null : JsonNode.Parse(result.IrJson);
                // A metric that did not apply is absent to conditions, as it is after a resume (see RunLoader).
                run.Metrics[node.Key] = result.Metrics.Where(m => m.Value is not null).ToDictionary(m => m.Key, m => m.Value!.Value, StringComparer.Ordinal);
                run.Release(node, NodeState.Completed);
                return;
        }
        if (!retried)
        {
            run.Release(node, NodeState.Failed);
            return;
        }
        // The node keeps its slot through the backoff, as it would if it were still running.
        var delay = backoff.DelayAfter(attempt.Attempt, jitter());
        logger.LogInformation("Run {RunId} node {Node} attempt {Attempt} failed ({Error}); retrying in {Delay} ms",
            run.Plan.RunId, node.Key, attempt.Attempt, result.Error, (int)delay.TotalMilliseconds);
        run.RetryAttempts[node.Key] = attempt.Attempt + 1;
        run.Busy[node.Key] = Task.Delay(delay, clock, cancellationToken);
    }

    private static string FirstFailure(Dictionary<string, NodeState> states) =>
        "Failed nodes: " + string.Join(", ", states.Where(s => s.Value == NodeState.Failed).Select(s => s.Key));

    private async Task<StepCompletion> ExecuteAsync(StepAttempt attempt, StepContext context, DagNode node, CancellationToken cancellationToken)
    {
        using var timeout = node.TimeoutMs is { } ms
            ? new CancellationTokenSource(TimeSpan.FromMilliseconds(ms), clock)
            : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        StepExecutionResult result;
        try
        {
            result = await steps.ExecuteAsync(attempt, context, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            result = StepExecutionResult.Failure($"Timed out after {node.TimeoutMs} ms.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Step {Node} of run {RunId} threw", node.Key, context.RunId);
            result = StepExecutionResult.Failure($"{ex.GetType().Name}: {ex.Message}");
        }
        return new StepCompletion(attempt, result, clock.GetUtcNow());
    }

    /// <summary>The run as the loop sees it; only the loop reads or changes it, so nothing here is locked.</summary>
    private sealed class RunState
    {
        public RunState(RunPlan plan, ExecutionOptions options)
        {
            Plan = plan;
            Nodes = plan.Dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);
            Slots = new StepSlots(options.MaxParallelStepsPerRun, options.ParallelGroupLimit);
            foreach (var node in plan.Dag.Nodes)
            {
                var progress = plan.Progress.GetValueOrDefault(node.Key);
                // An attempt that was running when its worker died is pending again: it re-runs with its idempotency key.
                States[node.Key] = progress?.State is null or NodeState.Running ? NodeState.Pending : progress.State;
                if (progress?.InFlight is { } inFlight) Resumable[node.Key] = inFlight;
                if (progress?.State == NodeState.Completed)
                {
                    Ir[node.Key] = progress.Ir;
                    Metrics[node.Key] = progress.Metrics;
                }
            }
        }

        public RunPlan Plan { get; }
        public Dictionary<string, DagNode> Nodes { get; }
        public StepSlots Slots { get; }
        public Dictionary<string, NodeState> States { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, JsonNode?> Ir { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, IReadOnlyDictionary<string, double>> Metrics { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, StepAttempt> Resumable { get; } = new(StringComparer.Ordinal);
        public HashSet<string> ConditionsPassed { get; } = new(StringComparer.Ordinal);
        /// <summary>What each busy node waits for: its attempt (a <c>Task&lt;StepCompletion&gt;</c>) or its retry backoff.</summary>
        public Dictionary<string, Task> Busy { get; } = new(StringComparer.Ordinal);
        /// <summary>Nodes in backoff and the attempt each starts when it ends.</summary>
        public Dictionary<string, int> RetryAttempts { get; } = new(StringComparer.Ordinal);

        public void Release(DagNode node, NodeState state)
        {
            States[node.Key] = state;
            Slots.Release(node.ParallelGroup);
        }
    }
}
