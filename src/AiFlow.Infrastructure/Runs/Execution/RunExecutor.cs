using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Takes a run's lease (fencing token + 1), loads its committed state, heartbeats while the engine runs it, and stops
/// the moment the lease is lost or the run is cancelled. This is the body of the Quartz job.
/// </summary>
public sealed class RunExecutor(
    IDbContextFactory<AiFlowDbContext> contexts,
    RunLoader loader,
    IInferenceGateway gateway,
    PromptRenderer renderer,
    IrValidationService validation,
    TimeProvider clock,
    IOptions<ExecutionOptions> options,
    ILogger<RunExecutor> logger)
{
    /// <summary>Identifies this process as a lease holder.</summary>
    public static readonly string WorkerId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public async Task<RunStatus?> ExecuteAsync(Guid runId, CancellationToken cancellationToken)
    {
        var leaseDuration = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var lease = await AcquireLeaseAsync(runId, leaseDuration, cancellationToken);
        if (lease is null) return null;
        var loaded = await loader.LoadAsync(runId, cancellationToken);
        if (loaded is null) return null;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(lease, leaseDuration, stop);
        var store = new EfRunStore(contexts, clock, lease, leaseDuration, loaded.StepVersions, loaded.MetricDefinitions,
            loaded.Plan.Dag.Nodes.ToDictionary(n => n.Key, StringComparer.Ordinal), loaded.PendingRetries);
        var steps = new StepKindExecutor(loaded, gateway, renderer, validation, contexts);
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
                await store.FinishRunAsync(runId, RunStatus.Failed, $"Engine error: {ex.Message}", CancellationToken.None);
            }
            catch (Exception finishError) when (finishError is LeaseLostException or Npgsql.NpgsqlException)
            {
                logger.LogWarning("Run {RunId}: could not record the engine error ({Reason})", runId, finishError.Message);
            }
            return RunStatus.Failed;
        }
        finally
        {
            await stop.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>
    /// Takes the run when it is queued, unheld, expired, or already ours. A live lease of another worker is waited
    /// out: a recovered job may start before the dead worker's lease expires.
    /// </summary>
    private async Task<RunLease?> AcquireLeaseAsync(Guid runId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var taken = await db.PipelineRuns
                .Where(r => r.Id == runId && (r.Status == RunStatus.Queued || r.Status == RunStatus.Running)
                            && (r.LeaseOwner == null || r.LeaseExpiresAt < now || r.LeaseOwner == WorkerId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.LeaseOwner, WorkerId)
                    .SetProperty(r => r.LeaseExpiresAt, now + leaseDuration)
                    .SetProperty(r => r.FencingToken, r => r.FencingToken + 1)
                    .SetProperty(r => r.Status, RunStatus.Running)
                    .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now), cancellationToken);
            var run = await db.PipelineRuns.AsNoTracking().Where(r => r.Id == runId)
                .Select(r => new { r.Status, r.LeaseOwner, r.LeaseExpiresAt, r.FencingToken }).FirstOrDefaultAsync(cancellationToken);
            if (run is null) return null;
            if (taken == 1 && run.LeaseOwner == WorkerId)
            {
                logger.LogInformation("Run {RunId}: taken by {Worker} with fencing token {Token}", runId, WorkerId, run.FencingToken);
                return new RunLease(runId, WorkerId, run.FencingToken);
            }
            if (run.Status is not (RunStatus.Queued or RunStatus.Running)) return null;
            var wait = (run.LeaseExpiresAt ?? now) - now;
            await Task.Delay(wait > TimeSpan.Zero ? wait + TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(250), clock, cancellationToken);
        }
    }

    private async Task HeartbeatAsync(RunLease lease, TimeSpan leaseDuration, CancellationTokenSource stop)
    {
        var interval = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, stop.Token);
                await using var db = await contexts.CreateDbContextAsync(stop.Token);
                var expires = clock.GetUtcNow() + leaseDuration;
                var held = await db.PipelineRuns
                    .Where(r => r.Id == lease.RunId && r.FencingToken == lease.FencingToken && r.LeaseOwner == lease.Owner && r.Status == RunStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, expires), stop.Token);
                if (held == 0)
                {
                    // Cancelled by a user, or taken over: stop work at once; later writes would be refused anyway.
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Normal end of the run.
        }
    }
}
