using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The engine's commits on PostgreSQL, one fenced write per <see cref="RunCommit"/>, sent through the worker's
/// <see cref="RunCommitBatcher"/> so that commits of runs waiting at the same time share a transaction. The fence
/// extends the lease where the fencing token still matches, adds the round's tokens and cost to the run, ends the run
/// when the round does, and NOTIFYs every console node; if it touches no row the worker has lost the run and none of
/// the round's rows are written.
/// </summary>
public sealed class EfRunStore(
    RunCommitBatcher batcher,
    TimeProvider clock,
    RunLease lease,
    TimeSpan leaseDuration,
    LoadedRun run,
    Action leaseExtended,
    Action<IReadOnlyList<AiRequestLog>> writeBehind) : IRunStore
{
    public const string NotifyChannel = "aiflow_run_progress";
    private readonly Dictionary<string, Domain.Pipelines.Dag.DagNode> nodes = run.Plan.Dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal);

    public StepAttempt NewAttempt(Guid runId, string nodeKey, Guid stepVersionId, int attempt)
    {
        // An ops retry left a pending row for exactly this attempt: the attempt takes it over rather than adding a second.
        var id = run.PendingRetries.TryGetValue(nodeKey, out var pending) && pending.Attempt == attempt ? pending.StepRunId : Guid.CreateVersion7();
        return new StepAttempt(id, nodeKey, stepVersionId, attempt, $"{runId:N}:{nodeKey}:{attempt}", MergeParams(run, nodes.GetValueOrDefault(nodeKey), stepVersionId));
    }

    public async Task CommitAsync(Guid runId, RunCommit commit, CancellationToken cancellationToken)
    {
        var write = new Write(this, runId, commit, commit.At ?? clock.GetUtcNow());
        DateTimeOffset? runStartedAt;
        try
        {
            runStartedAt = await batcher.CommitAsync(write, cancellationToken);
        }
        catch (LeaseLostException)
        {
            // The calls were made all the same; only the step rows belong to the new holder.
            var rows = commit.Completions.SelectMany(c => c.Result.RequestLogs).ToList();
            if (rows.Count > 0) writeBehind(rows);
            throw;
        }
        leaseExtended();
        foreach (var (step, irValid) in write.Completed) Telemetry.RunTelemetry.StepCompleted(step, irValid);
        if (commit.End is { } end) Telemetry.RunTelemetry.RunFinished(runId, end.Status, runStartedAt, write.Now, end.Error);
    }

    /// <summary>
    /// One statement for every round, the last included, sent as written: a plain command in the group's batch, with
    /// positional parameters, skips EF's query pipeline and Npgsql's rewriting of named parameters, and is prepared once
    /// per connection (auto-prepare). NOTIFY is delivered only on commit.
    /// </summary>
    private const string FenceSql = """
        WITH fenced AS (
            UPDATE pipeline_runs SET status = $1,
                error = CASE WHEN $2 THEN $3 ELSE error END,
                finished_at = CASE WHEN $2 THEN $4 ELSE finished_at END,
                lease_owner = CASE WHEN $2 THEN NULL ELSE lease_owner END,
                lease_expires_at = CASE WHEN $2 THEN NULL ELSE $5 END,
                tokens_in = tokens_in + $6, tokens_out = tokens_out + $7, cost_usd = cost_usd + $8
            WHERE id = $9 AND fencing_token = $10 AND lease_owner = $11 AND status = $12
            RETURNING started_at),
        notified AS (SELECT pg_notify($13, $14))
        SELECT fenced.started_at FROM fenced, notified
        """;

    /// <summary>Extends (or, at the end, releases) the lease, books the round's usage and notifies; answers when the run started.</summary>
    private NpgsqlBatchCommand Fence(RunCommit commit, DateTimeOffset now)
    {
        var end = commit.End;
        var running = nameof(RunStatus.Running);
        return new NpgsqlBatchCommand(FenceSql)
        {
            Parameters =
            {
                new() { Value = end?.Status.ToString() ?? running, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = end is not null, NpgsqlDbType = NpgsqlDbType.Boolean },
                new() { Value = (object?)end?.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = end is not null && end.Status != RunStatus.WaitingForReview ? now : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = now + leaseDuration, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                new() { Value = commit.Completions.Sum(c => c.Result.TokensIn), NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = commit.Completions.Sum(c => c.Result.TokensOut), NpgsqlDbType = NpgsqlDbType.Integer },
                new() { Value = commit.Completions.Sum(c => c.Result.CostUsd), NpgsqlDbType = NpgsqlDbType.Numeric },
                new() { Value = lease.RunId, NpgsqlDbType = NpgsqlDbType.Uuid },
                new() { Value = lease.FencingToken, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = lease.Owner, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = running, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = NotifyChannel, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = lease.RunId.ToString(), NpgsqlDbType = NpgsqlDbType.Text },
            },
        };
    }

    /// <summary>One round as the batcher writes it; <see cref="Completed"/> holds what telemetry needs once it is written.</summary>
    private sealed class Write(EfRunStore store, Guid runId, RunCommit commit, DateTimeOffset now) : IGroupedRunWrite
    {
        public Guid RunId => runId;

        public DateTimeOffset Now => now;

        public List<(StepRun Step, bool? IrValid)> Completed { get; } = new(commit.Completions.Count);

        public NpgsqlBatchCommand Fence() => store.Fence(commit, now);

        public void Apply(AiFlowDbContext db)
        {
            // A group that failed is written again commit by commit, on a fresh context.
            Completed.Clear();
            foreach (var completion in commit.Completions) Completed.Add(store.Complete(db, runId, completion, now));
            foreach (var decision in commit.Decisions) Decide(db, runId, decision, now);
            foreach (var attempt in commit.Starts) store.Start(db, runId, attempt, now);
        }
    }

    private void Start(AiFlowDbContext db, Guid runId, StepAttempt attempt, DateTimeOffset now)
    {
        var paramsJson = attempt.Params.ToJsonString();
        if (run.PendingRetries.TryGetValue(attempt.NodeKey, out var pending) && pending.StepRunId == attempt.StepRunId)
        {
            var row = db.StepRuns.Attach(new StepRun { Id = attempt.StepRunId });
            Set(row, nameof(StepRun.Status), StepRunStatus.Running);
            Set(row, nameof(StepRun.StartedAt), now);
            Set(row, nameof(StepRun.ParamsJson), paramsJson);
            return;
        }
        db.StepRuns.Add(new StepRun
        {
            Id = attempt.StepRunId, PipelineRunId = runId, NodeKey = attempt.NodeKey, StepVersionId = attempt.StepVersionId, Attempt = attempt.Attempt,
            Status = StepRunStatus.Running, ParamsJson = paramsJson, IdempotencyKey = attempt.IdempotencyKey, StartedAt = now,
        });
    }

    /// <summary>The step version's parameters with the node's own on top: what an attempt runs with.</summary>
    public static JsonObject MergeParams(LoadedRun run, Domain.Pipelines.Dag.DagNode? node, Guid stepVersionId)
    {
        var merged = run.StepVersions.TryGetValue(stepVersionId, out var spec) ? (JsonObject)spec.Params.DeepClone() : [];
        if (node?.Params is not null)
        {
            foreach (var (key, value) in node.Params) merged[key] = value?.DeepClone();
        }
        return merged;
    }

    /// <returns>What telemetry needs of the finished step, without reading the row back.</returns>
    private (StepRun Step, bool? IrValid) Complete(AiFlowDbContext db, Guid runId, StepCompletion completion, DateTimeOffset now)
    {
        var (attempt, result, finishedAt) = completion;
        var status = result.Outcome switch
        {
            StepOutcome.Completed => StepRunStatus.Completed,
            StepOutcome.Parked => StepRunStatus.WaitingForReview,
            _ => StepRunStatus.Failed,
        };
        DateTimeOffset? finished = result.Outcome == StepOutcome.Parked ? null : finishedAt;
        // An UPDATE of the columns the attempt produced, batched with the inserts below; the row is never read.
        var row = db.StepRuns.Attach(new StepRun { Id = attempt.StepRunId });
        Set(row, nameof(StepRun.Status), status);
        Set(row, nameof(StepRun.Error), result.Error);
        Set(row, nameof(StepRun.InputJson), result.InputJson);
        Set(row, nameof(StepRun.PromptTemplateVersionId), result.PromptTemplateVersionId);
        Set(row, nameof(StepRun.PromptVariant), result.PromptVariant);
        Set(row, nameof(StepRun.Model), result.Model);
        Set(row, nameof(StepRun.EndpointId), result.EndpointId);
        Set(row, nameof(StepRun.EndpointName), result.EndpointName);
        Set(row, nameof(StepRun.TokensIn), result.TokensIn);
        Set(row, nameof(StepRun.TokensOut), result.TokensOut);
        Set(row, nameof(StepRun.CostUsd), result.CostUsd);
        Set(row, nameof(StepRun.LatencyMs), result.LatencyMs);
        Set(row, nameof(StepRun.FinishedAt), finished);

        if (result.RenderedPrompt is not null || result.RawResponse is not null)
        {
            // Its own row in a table partitioned by month (ADR 0038), inserted in the same batch as the step's update.
            db.StepRunTexts.Add(new StepRunText { StepRunId = attempt.StepRunId, CreatedAt = now, RenderedPrompt = result.RenderedPrompt, RawResponse = result.RawResponse });
        }
        if (result.IrJson is not null || result.IrErrors.Count > 0)
        {
            db.IrArtifacts.Add(new IrArtifact
            {
                StepRunId = attempt.StepRunId, IrSchemaVersionId = result.IrSchemaVersionId, IrJson = result.IrJson ?? "null",
                IsValid = result.IrValid, ValidationErrors = [.. result.IrErrors], CreatedAt = now,
            });
        }
        foreach (var metric in result.Metrics)
        {
            if (!run.MetricDefinitions.TryGetValue(metric.Key, out var definition)) continue;
            db.MetricResults.Add(new MetricResult
            {
                StepRunId = attempt.StepRunId, PipelineRunId = runId, MetricDefinitionId = definition.Id, MetricKey = metric.Key,
                Value = metric.Value, NotApplicableReason = metric.NotApplicable, DetailsJson = metric.Details?.ToJsonString(),
                Target = metric.Target, Passed = metric.Passed, CreatedAt = now,
            });
        }
        foreach (var link in result.Links) db.StepOutputLinks.Add(StepOutputLink.For(attempt.StepRunId, link, now));
        var spec = run.StepVersions.GetValueOrDefault(attempt.StepVersionId);
        if (result.Reviews.Count > 0)
        {
            // One item per output, so it is reviewed (and curated) once, whatever number of reasons put it in the queue.
            db.ReviewItems.Add(new ReviewItem
            {
                PipelineRunId = runId, StepRunId = attempt.StepRunId, StepVersionId = attempt.StepVersionId, NodeKey = attempt.NodeKey,
                Reason = result.Reviews[0].Reason, Reasons = [.. result.Reviews.Select(r => r.Reason).Distinct()],
                ReasonDetail = string.Join(" ", result.Reviews.Select(r => r.Detail)), Status = ReviewItemStatus.Pending,
                ReviewersNeeded = Math.Max(1, spec?.ReviewersNeeded ?? 1), CreatedAt = now,
            });
        }
        db.AiRequestLogs.AddRange(result.RequestLogs);

        var step = new StepRun
        {
            Id = attempt.StepRunId, PipelineRunId = runId, NodeKey = attempt.NodeKey, Attempt = attempt.Attempt, Status = status,
            Model = result.Model, EndpointName = result.EndpointName, TokensIn = result.TokensIn, TokensOut = result.TokensOut,
            CostUsd = result.CostUsd, LatencyMs = result.LatencyMs, FinishedAt = finished, Error = result.Error,
        };
        return (step, result.IrJson is null && result.IrErrors.Count == 0 ? null : result.IrValid);
    }

    // By name, not by lambda: a lambda here is a new expression tree for EF to take apart, fifteen times per step.
    private static void Set(EntityEntry<StepRun> row, string property, object? value)
    {
        var entry = row.Property(property);
        entry.CurrentValue = value;
        entry.IsModified = true;
    }

    private static void Decide(AiFlowDbContext db, Guid runId, NodeDecision decision, DateTimeOffset now) =>
        // Attempt 0 marks a node the engine decided about without executing it.
        db.StepRuns.Add(new StepRun
        {
            PipelineRunId = runId, NodeKey = decision.NodeKey, StepVersionId = decision.StepVersionId, Attempt = 0,
            Status = decision.State == NodeState.Skipped ? StepRunStatus.Skipped : StepRunStatus.Failed,
            Error = decision.Reason, IdempotencyKey = $"{runId:N}:{decision.NodeKey}:0", StartedAt = now, FinishedAt = now,
        });
}
