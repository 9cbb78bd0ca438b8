using System.Collections.Concurrent;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// The heartbeat of every run this process holds. Engine commits extend a lease already, so only leases no commit
/// extended within <c>HeartbeatSeconds</c> are renewed, all in one UPDATE; a run whose lease that UPDATE could not
/// extend (cancelled by a user, or taken over) is stopped at once. A worker that holds no run issues nothing.
/// </summary>
public sealed class RunLeaseKeeper(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, IOptions<ExecutionOptions> options, ILogger<RunLeaseKeeper> logger)
{
    private readonly ConcurrentDictionary<LeaseHold, byte> held = new();
    private readonly Lock gate = new();
    private Task? beating;

    public LeaseHold Hold(RunLease lease, CancellationTokenSource stop)
    {
        var hold = new LeaseHold(this, lease, stop, clock);
        held[hold] = 0;
        lock (gate)
        {
            beating ??= Task.Run(BeatAsync);
        }
        return hold;
    }

    internal void Release(LeaseHold hold) => held.TryRemove(hold, out _);

    private async Task BeatAsync()
    {
        var interval = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        while (true)
        {
            // Looking twice per interval keeps a lease at most 1.5 intervals old; looking costs no query.
            await Task.Delay(interval / 2, clock);
            lock (gate)
            {
                if (held.IsEmpty)
                {
                    beating = null;
                    return;
                }
            }
            var due = held.Keys.Where(h => h.SinceRenewed >= interval).ToList();
            if (due.Count == 0) continue;
            try
            {
                var renewed = (await RenewAsync(due)).ToHashSet();
                foreach (var hold in due)
                {
                    if (renewed.Contains(hold.Lease.RunId)) hold.Renewed();
                    // Cancelled by a user, or taken over: stop work at once; later writes would be refused anyway.
                    else hold.Lost();
                }
            }
#pragma warning disable CA1031 // One process-wide loop: whatever went wrong, the next beat tries again, well before a lease runs out.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Lease heartbeat failed; retrying");
            }
        }
    }

    private async Task<List<Guid>> RenewAsync(List<LeaseHold> due)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var expires = clock.GetUtcNow() + TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        var ids = due.Select(h => h.Lease.RunId).ToArray();
        var tokens = due.Select(h => h.Lease.FencingToken).ToArray();
        var owner = RunExecutor.WorkerId;
        var running = nameof(RunStatus.Running);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE pipeline_runs AS r SET lease_expires_at = {expires}
            FROM unnest({ids}, {tokens}) AS h(id, token)
            WHERE r.id = h.id AND r.fencing_token = h.token AND r.lease_owner = {owner} AND r.status = {running}
            RETURNING r.id AS "Value"
            """).ToListAsync();
    }
}
