using System.Collections.Concurrent;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Inserts <c>ai_request_logs</c> rows and updates endpoint health with ExecuteUpdate (no entity is loaded, so no xmin
/// check can fail here). Health writes for an unchanged state are throttled to one per HealthWriteIntervalMs.
/// </summary>
internal sealed class EfInferenceAccounting(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<GatewayOptions> options, TimeProvider time)
    : IInferenceAccounting
{
    private readonly ConcurrentDictionary<Guid, (bool Succeeded, long At)> lastWrites = new();

    public async Task WriteAsync(AiRequestLog row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AiRequestLogs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
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
