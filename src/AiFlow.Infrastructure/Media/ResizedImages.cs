using System.Security.Cryptography;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media.Imaging;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Keeps an image a vision step sized down as an asset derived from the original (<see cref="MediaDerivation.Resized"/>),
/// so a model server that fetches by URL gets exactly the bytes another would get inline (ADR 0034). The same fitted bytes
/// of the same source are stored once and reused by every later attempt and run; deleting the source deletes them.
/// </summary>
public sealed class ResizedImages(IDbContextFactory<AiFlowDbContext> contexts, IMediaStorage storage, TimeProvider clock)
{
    public async Task<MediaAsset> StoreAsync(MediaAsset source, FittedImage fitted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(fitted);
        var sha = Convert.ToHexStringLower(SHA256.HashData(fitted.Bytes));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var existing = await db.MediaAssets.AsNoTracking()
            .FirstOrDefaultAsync(a => a.SourceAssetId == source.Id && a.Derivation == MediaDerivation.Resized && a.Sha256 == sha && a.DeletedAt == null, cancellationToken);
        if (existing is not null && await storage.ExistsAsync(existing.StorageKey, cancellationToken)) return existing;

        var key = MediaStorageKeys.ForSha256(sha);
        using (var stream = new MemoryStream(fitted.Bytes, writable: false)) await storage.PutAsync(key, stream, fitted.MimeType, cancellationToken);
        if (existing is not null) return existing;
        var extension = fitted.MimeType == "image/png" ? "png" : "jpg";
        var stem = Path.GetFileNameWithoutExtension(source.FileName);
        if (stem.Length > 200) stem = stem[..200];
        var asset = new MediaAsset
        {
            FileName = $"{stem}.{fitted.Width}x{fitted.Height}.{extension}",
            MimeType = fitted.MimeType, Kind = MediaKind.Image, SizeBytes = fitted.Bytes.Length, Sha256 = sha, StorageKey = key,
            Width = fitted.Width, Height = fitted.Height, SourceAssetId = source.Id, Derivation = MediaDerivation.Resized,
            UploadedBy = source.UploadedBy, CreatedAt = clock.GetUtcNow(),
        };
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return asset;
    }
}
