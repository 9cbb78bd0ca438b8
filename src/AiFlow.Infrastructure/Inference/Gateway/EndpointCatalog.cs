using System.Collections.Concurrent;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Reads routes and endpoints, reusing them for <c>CatalogCacheMs</c> so a busy route is not a query per call.</summary>
public sealed class EndpointCatalog(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    // Single flight: concurrent misses for one key share one load instead of each opening a connection.
    private readonly ConcurrentDictionary<string, (long Expires, Lazy<Task<RouteChain>> Chain)> cache = new(StringComparer.Ordinal);

    /// <summary>Forget cached chains (after an admin edit).</summary>
    public void Invalidate() => cache.Clear();

    public async Task<RouteChain> GetChainAsync(Guid? routeId, string taskType, CancellationToken cancellationToken)
    {
        var key = routeId?.ToString("N") ?? "task:" + taskType;
        var now = time.GetTimestamp();
        var ttl = options.CurrentValue.CatalogCacheMs;
        if (ttl <= 0)
        {
            return await LoadAsync(routeId, taskType, cancellationToken);
        }

        var entry = cache.AddOrUpdate(
            key,
            _ => Fresh(),
            (_, existing) => existing.Expires > now && !existing.Chain.Value.IsFaulted ? existing : Fresh());
        return await entry.Chain.Value.WaitAsync(cancellationToken);

        (long, Lazy<Task<RouteChain>>) Fresh() =>
            (now + (long)(ttl / 1000.0 * time.TimestampFrequency), new Lazy<Task<RouteChain>>(() => LoadAsync(routeId, taskType, CancellationToken.None)));
    }

    private async Task<RouteChain> LoadAsync(Guid? routeId, string taskType, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var route = routeId is { } id
            ? await db.ModelRoutes.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken)
            : await db.ModelRoutes.AsNoTracking().Where(r => r.TaskType == taskType).OrderBy(r => r.Name).FirstOrDefaultAsync(cancellationToken);
        if (route is null)
        {
            return new RouteChain(null, []);
        }

        var endpoints = await db.InferenceEndpoints.AsNoTracking()
            .Where(e => route.EndpointChain.Contains(e.Id) && e.Enabled)
            .ToListAsync(cancellationToken);
        var byId = endpoints.ToDictionary(e => e.Id);
        return new RouteChain(route, [.. route.EndpointChain.Where(byId.ContainsKey).Select(chainId => byId[chainId])]);
    }
}
