using System.Security.Cryptography;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Audio;
using AiFlow.Infrastructure.Media.Imaging;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace AiFlow.Infrastructure.Seeding;

/// <summary>
/// Demo media made in code (no files shipped): two video-like stills and a short WAV tone, written through
/// <see cref="IMediaStorage"/> and recorded as assets with the facts known from making them. Until the upload service
/// is merged this is also how tests make media (<see cref="AddAsync"/>).
/// </summary>
public static class DemoMedia
{
    public static async Task<MediaAsset> AddAsync(AiFlowDbContext db, IMediaStorage storage, byte[] bytes, string fileName, string mimeType,
        MediaKind kind, int? width, int? height, long? durationMs, string uploadedBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await db.MediaAssets.FirstOrDefaultAsync(a => a.Sha256 == sha && a.DeletedAt == null && a.SourceAssetId == null, cancellationToken);
        if (existing is not null) return existing;
        var key = MediaStorageKeys.ForSha256(sha);
        using (var stream = new MemoryStream(bytes, writable: false)) await storage.PutAsync(key, stream, mimeType, cancellationToken);
        var asset = new MediaAsset
        {
            FileName = fileName, MimeType = mimeType, Kind = kind, SizeBytes = bytes.Length, Sha256 = sha, StorageKey = key,
            Width = width, Height = height, DurationMs = durationMs, UploadedBy = uploadedBy, CreatedAt = now,
        };
        db.MediaAssets.Add(asset);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return asset;
        }
        catch (DbUpdateException e) when (MediaDuplicates.IsClash(e))
        {
            // The same bytes were saved by someone else since the look-up above: answer their asset, like an upload does.
            db.Entry(asset).State = EntityState.Detached;
            return await db.MediaAssets.FirstAsync(a => a.Sha256 == sha && a.DeletedAt == null && a.SourceAssetId == null, cancellationToken);
        }
    }

    /// <summary>The demo's frames (a harbour in blue and a field in green, 320×180) and a 3-second 440 Hz tone.</summary>
    public static async Task<(IReadOnlyList<MediaAsset> Frames, MediaAsset Audio)> AddDemoSetAsync(AiFlowDbContext db, IMediaStorage storage,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var harbour = await AddAsync(db, storage, PngMaker.Solid(320, 180, new SKColor(0x1e, 0x5a, 0xa0), new SKColor(0xf0, 0xf0, 0xf0)),
            "harbour_at_dawn.png", "image/png", MediaKind.Image, 320, 180, null, "seed", now, cancellationToken);
        var field = await AddAsync(db, storage, PngMaker.Solid(320, 180, new SKColor(0x3c, 0x9a, 0x3c)),
            "green_field.png", "image/png", MediaKind.Image, 320, 180, null, "seed", now, cancellationToken);
        var audio = await AddAsync(db, storage, WavWriter.Tone(3.0), "harbour_interview.wav", "audio/wav", MediaKind.Audio, null, null, 3000, "seed", now, cancellationToken);
        return ([harbour, field], audio);
    }
}
