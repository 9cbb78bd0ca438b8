using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Runs;

/// <summary>What ops do to runs: cancel, retry a failed step (its dependants re-run), resume a parked run.</summary>
public sealed class RunOperations(IDbContextFactory<AiFlowDbContext> contexts, RunScheduler scheduler, TimeProvider clock)
{
    private static readonly RunStatus[] Live = [RunStatus.Queued, RunStatus.Running, RunStatus.WaitingForReview];

    /// <summary>
    /// Cancels a live run; its worker sees it at the next heartbeat and its later writes are refused. The run's change is
    /// audited in its own transaction (bulk statements bypass the auditing interceptor); its running steps are cancelled
    /// after that commit, as separate statements, so the cancel never holds the run's row while waiting for a step's.
    /// </summary>
    public async Task<bool> CancelAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var before = (await db.Database.SqlQuery<string>($"SELECT status AS \"Value\" FROM pipeline_runs WHERE id = {runId} FOR UPDATE")
                .ToListAsync(cancellationToken)).FirstOrDefault();
            if (!Enum.TryParse<RunStatus>(before, out var status) || !Live.Contains(status)) return false;
            const string error = "Cancelled by a user.";
            await db.PipelineRuns.Where(r => r.Id == runId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Cancelled).SetProperty(r => r.FinishedAt, now)
                    .SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.Error, error), cancellationToken);
            await AuditLog.RecordAsync(db, clock, nameof(PipelineRun), [runId.ToString()], new { Status = status },
                new { Status = RunStatus.Cancelled, FinishedAt = now, Error = error }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await db.StepRuns.Where(s => s.PipelineRunId == runId && (s.Status == StepRunStatus.Running || s.Status == StepRunStatus.WaitingForReview))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, StepRunStatus.Cancelled).SetProperty(x => x.FinishedAt, now), cancellationToken);
        await NotifyAsync(db, runId, cancellationToken);
        return true;
    }

    /// <summary>Retries a failed node of a finished run as a new attempt; what failed only because of it runs again.</summary>
    public async Task<StepRetryResult> RetryStepAsync(Guid runId, string nodeKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.PipelineRuns.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
        if (run is null) return new StepRetryResult("There is no such run.", NotFound: true);
        if (run.Status is not (RunStatus.Failed or RunStatus.Completed)) return new StepRetryResult("Only a finished run can retry a step.");
        var latest = await db.StepRuns.Where(s => s.PipelineRunId == runId && s.NodeKey == nodeKey).OrderByDescending(s => s.Attempt).FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return new StepRetryResult($"The run has no step at node '{nodeKey}'.", NotFound: true);
        if (latest.Status != StepRunStatus.Failed) return new StepRetryResult($"Node '{nodeKey}' has no failed attempt to retry.");
        // An attempt-0 failure is a verdict: the node never ran (a node upstream failed, or its condition could not be
        // evaluated). A new attempt of it waited for ever (Pending on a failed run); the upstream node is what to retry.
        if (latest.Attempt == 0)
        {
            return new StepRetryResult($"Node '{nodeKey}' never ran ({latest.Error?.TrimEnd('.')}). Retry the node upstream that failed, and '{nodeKey}' runs after it; "
                + "a condition that cannot be evaluated needs a new version, then a replay.");
        }

        var dag = (await db.PipelineVersions.AsNoTracking().FirstAsync(v => v.Id == run.PipelineVersionId, cancellationToken)).Dag;
        var descendants = Descendants(dag, nodeKey);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Verdict rows (attempt 0) of dependants were consequences of the failure; they are decided again.
        await db.StepRuns.Where(s => s.PipelineRunId == runId && s.Attempt == 0 && (descendants.Contains(s.NodeKey) || s.NodeKey == nodeKey))
            .ExecuteDeleteAsync(cancellationToken);
        db.StepRuns.Add(new StepRun
        {
            PipelineRunId = runId, NodeKey = nodeKey, StepVersionId = latest.StepVersionId, Attempt = Math.Max(1, latest.Attempt + 1),
            Status = StepRunStatus.Pending, ParamsJson = latest.ParamsJson, IdempotencyKey = $"{runId:N}:{nodeKey}:{latest.Attempt + 1}",
        });
        run.Status = RunStatus.Queued;
        run.FinishedAt = null;
        run.Error = null;
        await db.SaveChangesAsync(cancellationToken);
        await NotifyAsync(db, runId, cancellationToken);
        await scheduler.ScheduleAndCommitAsync(runId, transaction, cancellationToken);
        return StepRetryResult.Retried;
    }

    /// <summary>Wakes a parked run after a reviewer decided; the engine continues from the committed state.</summary>
    public async Task ResumeAsync(Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.PipelineRuns.Where(r => r.Id == runId && r.Status == RunStatus.WaitingForReview)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Queued), cancellationToken);
        if (changed > 0) await scheduler.ScheduleAsync(runId, cancellationToken);
    }

    private static HashSet<string> Descendants(Domain.Pipelines.Dag.PipelineDag dag, string key)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([key]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var node in dag.Nodes.Where(n => n.DependsOn.Contains(current) && found.Add(n.Key))) queue.Enqueue(node.Key);
        }
        return found;
    }

    private static async Task NotifyAsync(AiFlowDbContext db, Guid runId, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Execution.EfRunStore.NotifyChannel}, {runId.ToString()})", cancellationToken);
}
