using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Media;

/// <summary>Read side for the API and the console: uploaded assets newest first, each with what was derived from it.</summary>
public sealed class MediaCatalog(IDbContextFactory<AiFlowDbContext> contexts)
{
    public sealed record Entry(MediaAsset Asset, IReadOnlyList<MediaAsset> Derived);

    /// <summary>A live asset (uploaded or derived) with its derived assets; null when unknown or deleted.</summary>
    public async Task<Entry?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var asset = await db.MediaAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && a.DeletedAt == null, cancellationToken);
        if (asset is null) return null;
        var derived = await Derived(db, [id]).ToListAsync(cancellationToken);
        return new Entry(asset, derived);
    }

    /// <summary>One page (1-based) of uploaded assets, newest first, and how many there are.</summary>
    public async Task<(IReadOnlyList<Entry> Items, int Total)> PageAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var uploads = db.MediaAssets.AsNoTracking().Where(a => a.SourceAssetId == null && a.DeletedAt == null);
        var total = await uploads.CountAsync(cancellationToken);
        var assets = await uploads.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var ids = assets.Select(a => a.Id).ToList();
        var derived = (await Derived(db, ids).ToListAsync(cancellationToken)).ToLookup(d => d.SourceAssetId!.Value);
        return ([.. assets.Select(a => new Entry(a, [.. derived[a.Id]]))], total);
    }

    private static IQueryable<MediaAsset> Derived(AiFlowDbContext db, List<Guid> sourceIds) =>
        db.MediaAssets.AsNoTracking().Where(a => a.SourceAssetId != null && sourceIds.Contains(a.SourceAssetId.Value) && a.DeletedAt == null)
            .OrderBy(a => a.Derivation).ThenBy(a => a.OffsetMs);
}
