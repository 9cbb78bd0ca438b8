using System.Collections.Concurrent;
using System.Threading.Channels;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Inserts <c>ai_request_logs</c> rows by group commit — callers wait until their row is committed, but rows that arrive
/// together share one INSERT batch, so accounting does not cap throughput — and updates endpoint health with ExecuteUpdate (no entity is loaded, so no xmin
/// check can fail here). Health writes for an unchanged state are throttled to one per HealthWriteIntervalMs.
/// </summary>
internal sealed class EfInferenceAccounting(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<GatewayOptions> options, TimeProvider time)
    : IInferenceAccounting, IAsyncDisposable
{
    private const int MaxBatch = 500;
    private readonly ConcurrentDictionary<Guid, (bool Succeeded, long At)> lastWrites = new();
    private readonly Channel<(AiRequestLog Row, TaskCompletionSource Done)> pending =
        Channel.CreateUnbounded<(AiRequestLog, TaskCompletionSource)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock startLock = new();
    private Task? writer;

    public Task WriteAsync(AiRequestLog row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        EnsureWriter();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!pending.Writer.TryWrite((row, done)))
        {
            throw new InvalidOperationException("The accounting writer has stopped.");
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        if (writer is not null) await writer;
    }

    private void EnsureWriter()
    {
        if (writer is not null) return;
        lock (startLock)
        {
            writer ??= Task.Run(WriteBatchesAsync);
        }
    }

    private async Task WriteBatchesAsync()
    {
        var batch = new List<(AiRequestLog Row, TaskCompletionSource Done)>(MaxBatch);
        while (await pending.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && pending.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await using var db = await contexts.CreateDbContextAsync();
                await using var transaction = await db.Database.BeginTransactionAsync();
                // Log rows need not wait for the WAL flush: a database crash may lose the last ~200 ms of rows, never corrupt them.
                await db.Database.ExecuteSqlRawAsync("SET LOCAL synchronous_commit TO OFF");
                db.AiRequestLogs.AddRange(batch.Select(b => b.Row));
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                foreach (var (_, done) in batch) done.TrySetResult();
            }
#pragma warning disable CA1031 // The failure belongs to the callers waiting on this batch.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                foreach (var (_, done) in batch) done.TrySetException(ex);
            }
        }
    }

    public async Task RecordHealthAsync(Guid endpointId, bool succeeded, string? error, CancellationToken cancellationToken)
    {
        var now = time.GetTimestamp();
        var interval = options.CurrentValue.HealthWriteIntervalMs / 1000.0 * time.TimestampFrequency;
        if (succeeded && lastWrites.TryGetValue(endpointId, out var last) && last.Succeeded && now - last.At < interval)
        {
            return;
        }

        lastWrites[endpointId] = (succeeded, now);
        var at = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var endpoints = db.InferenceEndpoints.Where(e => e.Id == endpointId);
        if (succeeded)
        {
            await endpoints.ExecuteUpdateAsync(s => s.SetProperty(e => e.LastSuccessAt, at), cancellationToken);
        }
        else
        {
            var text = error is { Length: > 1000 } ? error[..1000] : error;
            await endpoints.ExecuteUpdateAsync(s => s.SetProperty(e => e.LastErrorAt, at).SetProperty(e => e.LastError, text), cancellationToken);
        }
    }
}
