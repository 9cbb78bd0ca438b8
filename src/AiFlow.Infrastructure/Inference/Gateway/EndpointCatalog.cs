using System.Collections.Concurrent;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Reads routes and endpoints, reusing them for <c>CatalogCacheMs</c> so a busy route is not a query per call.</summary>
public sealed class EndpointCatalog(IDbContextFactory<AiFlowDbContext> contexts, IOptionsMonitor<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (long Expires, RouteChain Chain)> cache = new(StringComparer.Ordinal);

    /// <summary>Forget cached chains (after an admin edit).</summary>
    public void Invalidate() => cache.Clear();

    public async Task<RouteChain> GetChainAsync(Guid? routeId, string taskType, CancellationToken cancellationToken)
    {
        var key = routeId?.ToString("N") ?? "task:" + taskType;
        var now = time.GetTimestamp();
        if (cache.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            return hit.Chain;
        }

        var chain = await LoadAsync(routeId, taskType, cancellationToken);
        var ttl = options.CurrentValue.CatalogCacheMs;
        if (ttl > 0)
        {
            cache[key] = (now + (long)(ttl / 1000.0 * time.TimestampFrequency), chain);
        }

        return chain;
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
