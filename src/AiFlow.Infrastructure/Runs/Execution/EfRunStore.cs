using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Scheduling;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The engine's commits on PostgreSQL. Every transaction first extends the lease where the fencing token still matches;
/// if that touches no row the worker has lost the run and the whole transaction is refused. A NOTIFY in the same
/// transaction tells every console node that the run moved.
/// </summary>
public sealed class EfRunStore(
    IDbContextFactory<AiFlowDbContext> contexts,
    TimeProvider clock,
    RunLease lease,
    TimeSpan leaseDuration,
    IReadOnlyDictionary<Guid, StepVersionSpec> stepVersions,
    IReadOnlyDictionary<string, (Guid Id, MetricDirection Direction)> metricDefinitions,
    IReadOnlyDictionary<string, Domain.Pipelines.Dag.DagNode> nodes,
    IReadOnlySet<string> pendingRetries) : IRunStore
{
    public const string NotifyChannel = "aiflow_run_progress";

    public async Task<StepAttempt> StartStepAsync(Guid runId, string nodeKey, Guid stepVersionId, int attempt, CancellationToken cancellationToken)
    {
        var parameters = MergeParams(stepVersionId, nodeKey);
        var step = new StepRun
        {
            PipelineRunId = runId, NodeKey = nodeKey, StepVersionId = stepVersionId, Attempt = attempt, Status = StepRunStatus.Running,
            ParamsJson = parameters.ToJsonString(), IdempotencyKey = $"{runId:N}:{nodeKey}:{attempt}", StartedAt = clock.GetUtcNow(),
        };
        await InFencedTransactionAsync(async db =>
        {
            // An ops retry leaves a pending row for this attempt; take it over rather than adding a second.
            var pending = !pendingRetries.Contains(nodeKey) ? null : await db.StepRuns.FirstOrDefaultAsync(s => s.PipelineRunId == runId && s.NodeKey == nodeKey && s.Attempt == attempt && s.Status == StepRunStatus.Pending, cancellationToken);
            if (pending is null)
            {
                db.StepRuns.Add(step);
                return;
            }
            pending.Status = StepRunStatus.Running;
            pending.StartedAt = step.StartedAt;
            pending.ParamsJson = step.ParamsJson;
            step = pending;
        }, cancellationToken);
        return new StepAttempt(step.Id, nodeKey, stepVersionId, attempt, step.IdempotencyKey, parameters);
    }

    public JsonObject MergeParams(Guid stepVersionId, string nodeKey)
    {
        var merged = stepVersions.TryGetValue(stepVersionId, out var spec) ? (JsonObject)spec.Params.DeepClone() : [];
        if (nodes.TryGetValue(nodeKey, out var node) && node.Params is not null)
        {
            foreach (var (key, value) in node.Params) merged[key] = value?.DeepClone();
        }
        return merged;
    }

    public async Task CompleteStepAsync(Guid runId, StepAttempt attempt, StepExecutionResult result, CancellationToken cancellationToken)
    {
        StepRun? completed = null;
        await InFencedTransactionAsync(async db =>
        {
            var now = clock.GetUtcNow();
            var status = result.Outcome switch
            {
                StepOutcome.Completed => StepRunStatus.Completed,
                StepOutcome.Parked => StepRunStatus.WaitingForReview,
                _ => StepRunStatus.Failed,
            };
            DateTimeOffset? finished = result.Outcome == StepOutcome.Parked ? null : now;
            // One UPDATE without loading the row: the engine holds everything it needs.
            await db.StepRuns.Where(s => s.Id == attempt.StepRunId).ExecuteUpdateAsync(u => u
                .SetProperty(s => s.Status, status)
                .SetProperty(s => s.Error, result.Error)
                .SetProperty(s => s.InputJson, result.InputJson)
                .SetProperty(s => s.RenderedPrompt, result.RenderedPrompt)
                .SetProperty(s => s.PromptTemplateVersionId, result.PromptTemplateVersionId)
                .SetProperty(s => s.PromptVariant, result.PromptVariant)
                .SetProperty(s => s.RawResponse, result.RawResponse)
                .SetProperty(s => s.Model, result.Model)
                .SetProperty(s => s.EndpointId, result.EndpointId)
                .SetProperty(s => s.EndpointName, result.EndpointName)
                .SetProperty(s => s.TokensIn, result.TokensIn)
                .SetProperty(s => s.TokensOut, result.TokensOut)
                .SetProperty(s => s.CostUsd, result.CostUsd)
                .SetProperty(s => s.LatencyMs, result.LatencyMs)
                .SetProperty(s => s.FinishedAt, finished), cancellationToken);
            // What telemetry needs of the finished step, without reading the row back.
            completed = new StepRun
            {
                Id = attempt.StepRunId, PipelineRunId = runId, NodeKey = attempt.NodeKey, Attempt = attempt.Attempt, Status = status,
                Model = result.Model, EndpointName = result.EndpointName, TokensIn = result.TokensIn, TokensOut = result.TokensOut,
                CostUsd = result.CostUsd, LatencyMs = result.LatencyMs, FinishedAt = finished, Error = result.Error,
            };

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
                if (!metricDefinitions.TryGetValue(metric.Key, out var definition)) continue;
                db.MetricResults.Add(new MetricResult
                {
                    StepRunId = attempt.StepRunId, PipelineRunId = runId, MetricDefinitionId = definition.Id, MetricKey = metric.Key,
                    Value = metric.Value, Target = metric.Target, Passed = metric.Passed, CreatedAt = now,
                });
            }
            var spec = stepVersions.GetValueOrDefault(attempt.StepVersionId);
            foreach (var (reason, detail) in result.Reviews)
            {
                db.ReviewItems.Add(new ReviewItem
                {
                    PipelineRunId = runId, StepRunId = attempt.StepRunId, StepVersionId = attempt.StepVersionId, NodeKey = attempt.NodeKey,
                    Reason = reason, ReasonDetail = detail, Status = ReviewItemStatus.Pending,
                    ReviewersNeeded = Math.Max(1, spec?.ReviewersNeeded ?? 1), CreatedAt = now,
                });
            }
            if (result.TokensIn + result.TokensOut > 0 || result.CostUsd > 0)
            {
                await db.PipelineRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.TokensIn, r => r.TokensIn + result.TokensIn)
                    .SetProperty(r => r.TokensOut, r => r.TokensOut + result.TokensOut)
                    .SetProperty(r => r.CostUsd, r => r.CostUsd + result.CostUsd), cancellationToken);
            }
        }, cancellationToken);
        if (completed is not null) Telemetry.RunTelemetry.StepCompleted(completed, result.IrJson is null && result.IrErrors.Count == 0 ? null : result.IrValid);
    }

    public Task RecordVerdictAsync(Guid runId, string nodeKey, Guid stepVersionId, NodeState state, string reason, CancellationToken cancellationToken) =>
        InFencedTransactionAsync(async db =>
        {
            var now = clock.GetUtcNow();
            // Attempt 0 marks a node the engine decided about without executing it.
            db.StepRuns.Add(new StepRun
            {
                PipelineRunId = runId, NodeKey = nodeKey, StepVersionId = stepVersionId, Attempt = 0,
                Status = state == NodeState.Skipped ? StepRunStatus.Skipped : StepRunStatus.Failed,
                Error = reason, IdempotencyKey = $"{runId:N}:{nodeKey}:0", StartedAt = now, FinishedAt = now,
            });
            await Task.CompletedTask;
        }, cancellationToken);

    public async Task FinishRunAsync(Guid runId, RunStatus status, string? error, CancellationToken cancellationToken)
    {
        DateTimeOffset? startedAt = null;
        var now = clock.GetUtcNow();
        await InFencedTransactionAsync(async db =>
        {
            startedAt = await db.PipelineRuns.Where(r => r.Id == runId).Select(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
            var parked = status == RunStatus.WaitingForReview;
            await db.PipelineRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.Error, error)
                .SetProperty(r => r.FinishedAt, parked ? null : now)
                .SetProperty(r => r.LeaseOwner, (string?)null)
                .SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }, cancellationToken);
        Telemetry.RunTelemetry.RunFinished(runId, status, startedAt, now, error);
    }

    private async Task InFencedTransactionAsync(Func<AiFlowDbContext, Task> work, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The transaction is ours; EF's automatic savepoints would only add round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var expires = clock.GetUtcNow() + leaseDuration;
        var running = nameof(Domain.Runs.RunStatus.Running);
        // Fence and notify in one round trip; NOTIFY is delivered only if the transaction commits.
        var held = await db.Database.SqlQuery<int>($"""
            WITH fenced AS (
                UPDATE pipeline_runs SET lease_expires_at = {expires}
                WHERE id = {lease.RunId} AND fencing_token = {lease.FencingToken} AND lease_owner = {lease.Owner} AND status = {running}
                RETURNING 1),
            notified AS (SELECT pg_notify({NotifyChannel}, {lease.RunId.ToString()}))
            SELECT (SELECT count(*) FROM fenced)::int AS "Value" FROM notified
            """).ToListAsync(cancellationToken); // ToList, not Single: EF must not wrap a data-modifying WITH in a subquery.
        if (held[0] == 0) throw new LeaseLostException(lease.RunId);
        await work(db);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
