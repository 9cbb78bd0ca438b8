using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Group commit for every run this worker holds: the commits that wait while others are being written share the next
/// transaction, so a busy worker pays the transaction's round trips (fences, rows, COMMIT) once per group instead of
/// once per run. Each run's fence is its own statement in the group's first batch, in run-id order (the same lock order
/// on every worker); a run whose fence touches no row has lost its lease and gets none of its rows written, while the
/// others go on. A group that fails as a whole is written again one commit at a time, so one run's bad row fails only
/// that run. An idle worker writes a commit at once: a group is only what arrived while the previous ones were written.
/// See ADR 0040.
/// </summary>
public sealed class RunCommitBatcher(IDbContextFactory<AiFlowDbContext> contexts)
{
    /// <summary>One group being written while the next gathers, and a second so PostgreSQL's two cores both work.</summary>
    private const int MaxInFlight = 2;

    /// <summary>Bounds one transaction's locks and batch; a longer queue is written in several groups.</summary>
    private const int MaxGroup = 32;

    private readonly Lock gate = new();
    private readonly Queue<Pending> queue = new();
    private int inFlight;

    /// <summary>
    /// Writes <paramref name="write"/> in the next group and answers when the run started (the fence's answer).
    /// Throws <see cref="LeaseLostException"/> when the lease was gone; cancelling only withdraws a commit not yet taken
    /// into a group: once taken it is written, and the caller learns the outcome.
    /// </summary>
    public async Task<DateTimeOffset?> CommitAsync(IGroupedRunWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(write);
        bool start;
        lock (gate)
        {
            queue.Enqueue(pending);
            start = inFlight < MaxInFlight;
            if (start) inFlight++;
        }
        if (start) _ = Task.Run(DrainAsync, CancellationToken.None);
        await using (cancellationToken.Register(static (state, token) => ((Pending)state!).Withdraw(token), pending))
        {
            return await pending.Outcome.Task;
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var group = new List<Pending>();
            lock (gate)
            {
                while (group.Count < MaxGroup && queue.TryDequeue(out var next))
                {
                    if (next.TryTake()) group.Add(next);
                }
                if (group.Count == 0)
                {
                    inFlight--;
                    return;
                }
            }
            await WriteGroupAsync(group);
        }
    }

    private async Task WriteGroupAsync(List<Pending> group)
    {
        try
        {
            await WriteAsync(group);
            return;
        }
        catch (Exception ex) when (group.Count == 1)
        {
            group[0].Outcome.TrySetException(ex);
            return;
        }
        catch (Exception)
        {
            // Which commit broke the group is not known: each is written alone, and only the one at fault fails.
        }
        foreach (var pending in group)
        {
            try
            {
                await WriteAsync([pending]);
            }
            catch (Exception ex)
            {
                pending.Outcome.TrySetException(ex);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> group)
    {
        var ordered = group.OrderBy(p => p.Write.RunId).ToList();
        var fenced = new (bool Held, DateTimeOffset? StartedAt)[ordered.Count];
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            // The transaction is ours; EF's automatic savepoints would only add round trips.
            db.Database.AutoSavepointsEnabled = false;
            await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
            await using (var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction()))
            {
                foreach (var pending in ordered) batch.BatchCommands.Add(pending.Write.Fence());
                await using var reader = await batch.ExecuteReaderAsync(CancellationToken.None);
                for (var i = 0; i < ordered.Count; i++)
                {
                    if (i > 0) await reader.NextResultAsync(CancellationToken.None);
                    if (await reader.ReadAsync(CancellationToken.None))
                    {
                        fenced[i] = (true, await reader.IsDBNullAsync(0, CancellationToken.None) ? null : reader.GetFieldValue<DateTimeOffset>(0));
                    }
                }
            }
            for (var i = 0; i < ordered.Count; i++)
            {
                if (fenced[i].Held) ordered[i].Write.Apply(db);
            }
            await db.SaveChangesAsync(CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }
        for (var i = 0; i < ordered.Count; i++)
        {
            if (fenced[i].Held) ordered[i].Outcome.TrySetResult(fenced[i].StartedAt);
            else ordered[i].Outcome.TrySetException(new LeaseLostException(ordered[i].Write.RunId));
        }
    }

    private sealed class Pending(IGroupedRunWrite write)
    {
        private const int Queued = 0, Taken = 1, Withdrawn = 2;
        private int state;

        public IGroupedRunWrite Write { get; } = write;

        public TaskCompletionSource<DateTimeOffset?> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool TryTake() => Interlocked.CompareExchange(ref state, Taken, Queued) == Queued;

        public void Withdraw(CancellationToken token)
        {
            if (Interlocked.CompareExchange(ref state, Withdrawn, Queued) == Queued) Outcome.TrySetCanceled(token);
        }
    }
}

/// <summary>One run's commit as <see cref="RunCommitBatcher"/> writes it: its fence, then its rows when the fence held.</summary>
public interface IGroupedRunWrite
{
    Guid RunId { get; }

    /// <summary>A statement that returns one row (when the run started) if and only if the lease still holds.</summary>
    NpgsqlBatchCommand Fence();

    /// <summary>Adds the commit's rows to <paramref name="db"/>; may be called again on a fresh context if a group is retried.</summary>
    void Apply(AiFlowDbContext db);
}
