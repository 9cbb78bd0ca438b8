using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Removes stored bytes once the assets using them are marked deleted. Keys are content-addressed, so several assets
/// (identical uploads of old, a frame equal to an uploaded image) may share one: bytes go only when no live asset uses
/// their key. The one way a user's delete and retention let bytes go.
/// </summary>
public static class MediaBytes
{
    /// <summary>Call after the assets' deletion is committed; answers how many keys lost their bytes.</summary>
    public static async Task<int> RemoveUnsharedAsync(AiFlowDbContext db, IMediaStorage storage, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(keys);
        var removed = 0;
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (await db.MediaAssets.AnyAsync(a => a.StorageKey == key && a.DeletedAt == null, cancellationToken)) continue;
            await storage.DeleteAsync(key, cancellationToken);
            removed++;
        }
        return removed;
    }
}
