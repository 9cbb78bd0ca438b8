using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Media;

/// <summary>Reads assets and their bytes for steps and pages; one context per call.</summary>
public sealed class MediaLibrary(IDbContextFactory<AiFlowDbContext> contexts, IMediaStorage storage)
{
    public async Task<MediaAsset?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MediaAssets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
    }

    /// <summary>The live assets derived from a source (a video's frames in time order, or its audio track).</summary>
    public async Task<IReadOnlyList<MediaAsset>> DerivedAsync(Guid sourceId, MediaDerivation derivation, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MediaAssets.AsNoTracking()
            .Where(a => a.SourceAssetId == sourceId && a.Derivation == derivation && a.DeletedAt == null)
            .OrderBy(a => a.OffsetMs).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The asset and its bytes; <see cref="MediaNotFoundException"/> says which of unknown, deleted or missing it is.</summary>
    public async Task<MediaContent> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var asset = await FindAsync(id, cancellationToken) ?? throw new MediaNotFoundException(id, "does not exist");
        if (asset.DeletedAt is not null)
        {
            throw new MediaNotFoundException(id, $"was deleted at {asset.DeletedAt:u}");
        }

        try
        {
            await using var stream = await storage.OpenReadAsync(asset.StorageKey, cancellationToken);
            using var buffer = new MemoryStream(checked((int)Math.Max(asset.SizeBytes, 0)));
            await stream.CopyToAsync(buffer, cancellationToken);
            return new MediaContent(asset, buffer.ToArray());
        }
        catch (FileNotFoundException)
        {
            throw new MediaNotFoundException(id, "has no bytes in storage");
        }
    }
}
