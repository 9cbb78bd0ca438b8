using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Takes a run's lease (fencing token + 1) and loads its committed state in one transaction, keeps the lease alive
/// while the engine runs it, and stops the moment the lease is lost or the run is cancelled. This is the body of the
/// Quartz job.
/// </summary>
public sealed class RunExecutor(
    IDbContextFactory<AiFlowDbContext> contexts,
    RunLoader loader,
    RunCommitBatcher batcher,
    RunLeaseKeeper leases,
    StepKindExecutorFactory stepKinds,
    IInferenceAccounting accounting,
    TimeProvider clock,
    IOptions<ExecutionOptions> options,
    ILogger<RunExecutor> logger)
{
    /// <summary>Identifies this process as a lease holder.</summary>
    public static readonly string WorkerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<RunStatus?> ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        var leaseDuration = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var taken = await TakeAsync(runId, leaseDuration, cancellationToken);
        if (taken is not { } held) return null;
        var (lease, loaded) = held;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var hold = leases.Hold(lease, stop);
        var steps = new DeferredAccountingStepExecutor(stepKinds.Create(loaded), accounting, logger);
        var store = new EfRunStore(batcher, clock, lease, leaseDuration, loaded, hold.Renewed, steps.WriteBehind);
        var engine = new RunEngine(store, steps, clock, options.Value, logger);
        try
        {
            return await engine.RunAsync(loaded.Plan, stop.Token);
        }
        catch (Exception ex) when (ex is LeaseLostException || (ex is OperationCanceledException && stop.IsCancellationRequested))
        {
            logger.LogWarning("Run {RunId}: stopped on {Worker} ({Reason})", runId, WorkerId, ex.Message);
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug or an outage must not leave the run "running" forever: fail it, if we still hold it, with the reason.
            logger.LogError(ex, "Run {RunId} failed in the engine", runId);
            try
            {
                await store.CommitAsync(runId, new RunCommit { End = new RunEnd(RunStatus.Failed, $"Engine error: {ex.Message}") }, CancellationToken.None);
            }
            catch (Exception finishError) when (finishError is LeaseLostException or Npgsql.NpgsqlException)
            {
                logger.LogWarning("Run {RunId}: could not record the engine error ({Reason})", runId, finishError.Message);
            }
            return RunStatus.Failed;
        }
        finally
        {
            // Steps still in flight (a lost lease, an engine error) stop here.
            await stop.CancelAsync();
        }
    }

    /// <summary>
    /// Takes the run when it is queued, unheld, expired, or already ours, and loads it in the same transaction. A live
    /// lease of another worker is waited out: a recovered job may start before the dead worker's lease expires.
    /// </summary>
    private async Task<(RunLease Lease, LoadedRun Run)?> TakeAsync(Guid runId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        var queued = nameof(RunStatus.Queued);
        var running = nameof(RunStatus.Running);
        while (true)
        {
            TimeSpan wait;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var now = clock.GetUtcNow();
                var token = await db.Database.SqlQuery<long>($"""
                    UPDATE pipeline_runs SET lease_owner = {WorkerId}, lease_expires_at = {now + leaseDuration}, fencing_token = fencing_token + 1,
                        status = {running}, started_at = COALESCE(started_at, {now})
                    WHERE id = {runId} AND status IN ({queued}, {running}) AND (lease_owner IS NULL OR lease_expires_at < {now} OR lease_owner = {WorkerId})
                    RETURNING fencing_token AS "Value"
                    """).ToListAsync(cancellationToken); // ToList, not Single: EF must not wrap an UPDATE in a subquery.
                if (token.Count == 1)
                {
                    var loaded = await loader.LoadAsync(db, runId, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    if (loaded is null) return null;
                    logger.LogInformation("Run {RunId}: taken by {Worker} with fencing token {Token}", runId, WorkerId, token[0]);
                    return (new RunLease(runId, WorkerId, token[0]), loaded);
                }
                var run = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
                    .Select(r => new { r.Status, r.LeaseExpiresAt }).FirstOrDefaultAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                if (run is null || run.Status is not (RunStatus.Queued or RunStatus.Running)) return null;
                wait = (run.LeaseExpiresAt ?? now) - now;
            }
            await Task.Delay(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }
}
