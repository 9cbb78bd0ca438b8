using System.Buffers;
using System.Security.Cryptography;
using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Media.Upload;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Takes media in: streams each file to a staging folder while hashing it (stopping at the size limit without reading
/// further), sniffs its type from the bytes, checks the deployment's policy, reads its dimensions or duration, derives
/// a video's frames and sound track, and only then stores the bytes under their SHA-256 and saves the rows in one
/// transaction. Identical bytes uploaded again answer the asset already stored. Policy is read per call.
/// </summary>
public sealed class MediaUploadService(IDbContextFactory<AiFlowDbContext> contexts, IMediaStorage storage, IOptionsMonitor<MediaOptions> options, TimeProvider clock)
{
    private const int BufferSize = 1024 * 1024;

    public Task<MediaUploadResult> UploadAsync(Stream content, string fileName, string uploadedBy, CancellationToken cancellationToken) =>
        UploadAsync(content, fileName, null, uploadedBy, cancellationToken);

    /// <param name="claimedType">The Content-Type the sender gave, if any; it must agree with the bytes, like the name's extension.</param>
    public async Task<MediaUploadResult> UploadAsync(Stream content, string fileName, string? claimedType, string uploadedBy, CancellationToken cancellationToken)
    {
        using var prepared = await PrepareAsync(content, fileName, claimedType, options.CurrentValue.MaxUploadBytes, cancellationToken);
        return (await CommitAsync([prepared], uploadedBy, cancellationToken))[0];
    }

    /// <summary>Stages, checks and probes one file; <paramref name="byteBudget"/> is what the request may still send.</summary>
    public async Task<PreparedMedia> PrepareAsync(Stream content, string fileName, string? claimedType, long byteBudget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var policy = options.CurrentValue;
        var name = CleanName(fileName);
        var root = storage.StagingRoot ?? Path.Combine(Path.GetTempPath(), "aiflow-media");
        Directory.CreateDirectory(root);
        // The upload is staged beside its folder, which only a video's frames and sound track need: a folder made and
        // removed per file cost more than its SHA-256 (ext4 journals both).
        var prepared = new PreparedMedia(name, Path.Combine(root, Guid.NewGuid().ToString("N")));
        try
        {
            var path = prepared.UploadPath;
            var (sha, bytes, head, overLimit, png) = await StageAsync(content, path, byteBudget, cancellationToken);
            if (overLimit)
            {
                prepared.Problem = new(MediaRefusal.TooLarge, name,
                    $"'{name}' is larger than the {policy.MaxUploadBytes:N0} bytes one upload may hold (Media:MaxUploadBytes); nothing was stored.");
                return prepared;
            }
            prepared.Problem = CheckType(name, claimedType, head, policy, out var mime);
            if (prepared.Problem is not null) return prepared;
            var kind = MediaSniffer.KindOf(mime!)!.Value;
            var file = new PreparedFile(path, mime!, kind, sha, bytes);
            prepared.Problem = kind == MediaKind.Image
                ? CheckImage(name, ref file, png, policy)
                : await ProbeAsync(name, prepared, file, policy, cancellationToken);
            if (prepared.Problem is null && prepared.File is null) prepared.File = file;
            return prepared;
        }
        catch
        {
            prepared.Dispose();
            throw;
        }
    }

    /// <summary>Stores every prepared file, or none when any was refused; answers one result per file, in order.</summary>
    public async Task<IReadOnlyList<MediaUploadResult>> CommitAsync(IReadOnlyList<PreparedMedia> files, string uploadedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Any(f => f.Problem is not null))
        {
            return [.. files.Select(f => f.Problem is { } p ? MediaUploadResult.Refused(p) : new MediaUploadResult(null, [], false, null, null))];
        }

        try
        {
            return await SaveAsync(files, uploadedBy, cancellationToken);
        }
        catch (DbUpdateException e) when (MediaDuplicates.IsClash(e))
        {
            // An identical upload was saved between our look-up and our insert: looking again finds it, answered as a duplicate.
            return await SaveAsync(files, uploadedBy, cancellationToken);
        }
    }

    private async Task<IReadOnlyList<MediaUploadResult>> SaveAsync(IReadOnlyList<PreparedMedia> files, string uploadedBy, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var results = new List<MediaUploadResult>();
        var added = new Dictionary<string, MediaUploadResult>(StringComparer.Ordinal);
        foreach (var prepared in files)
        {
            var file = prepared.File!;
            if (added.TryGetValue(file.Sha256, out var same))
            {
                results.Add(same with { Duplicate = true });
                continue;
            }
            var existing = await db.MediaAssets.AsNoTracking()
                .Where(a => a.Sha256 == file.Sha256 && a.SourceAssetId == null && a.DeletedAt == null)
                .OrderBy(a => a.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                // One live upload per SHA-256 (MediaDuplicates): bytes lost from storage are put back under the asset's key.
                if (!await storage.ExistsAsync(existing.StorageKey, cancellationToken))
                {
                    await storage.PutFileAsync(existing.StorageKey, file.Path, file.MimeType, cancellationToken);
                }
                var derived = await db.MediaAssets.AsNoTracking().Where(a => a.SourceAssetId == existing.Id && a.DeletedAt == null)
                    .OrderBy(a => a.Derivation).ThenBy(a => a.OffsetMs).ToListAsync(cancellationToken);
                results.Add(new MediaUploadResult(existing, derived, true, prepared.Note, null));
                continue;
            }

            var asset = await StoreAsync(db, file, prepared.FileName, null, uploadedBy, now, cancellationToken);
            var children = new List<MediaAsset>();
            foreach (var child in prepared.Derived)
            {
                var childName = child.Derivation == MediaDerivation.AudioTrack
                    ? Path.GetFileNameWithoutExtension(prepared.FileName) + ".audio.wav"
                    : $"{Path.GetFileNameWithoutExtension(prepared.FileName)}.frame-{child.OffsetMs:D8}ms.jpg";
                children.Add(await StoreAsync(db, child, childName, asset.Id, uploadedBy, now, cancellationToken));
            }
            var result = new MediaUploadResult(asset, children, false, prepared.Note, null);
            added[file.Sha256] = result;
            results.Add(result);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Nothing half-stored: bytes put under a key no committed asset uses go again (a clash's winner keeps its own).
            var keys = added.Values.SelectMany(r => r.Derived.Prepend(r.Asset!)).Select(a => a.StorageKey).ToList();
            await using var cleanup = await contexts.CreateDbContextAsync(CancellationToken.None);
            await MediaBytes.RemoveUnsharedAsync(cleanup, storage, keys, CancellationToken.None);
            throw;
        }
        return results;
    }

    /// <summary>
    /// Marks the asset and what was derived from it deleted and removes their bytes unless another live asset shares
    /// them. False when there is no such live asset.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var assets = await db.MediaAssets.Where(a => (a.Id == id || a.SourceAssetId == id) && a.DeletedAt == null).ToListAsync(cancellationToken);
        if (!assets.Any(a => a.Id == id)) return false;
        var now = clock.GetUtcNow();
        foreach (var asset in assets) asset.DeletedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        await MediaBytes.RemoveUnsharedAsync(db, storage, assets.Select(a => a.StorageKey), cancellationToken);
        return true;
    }

    private async Task<MediaAsset> StoreAsync(AiFlowDbContext db, PreparedFile file, string fileName, Guid? sourceId, string uploadedBy, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var key = MediaStorageKeys.ForSha256(file.Sha256);
        await storage.PutFileAsync(key, file.Path, file.MimeType, cancellationToken);
        var asset = new MediaAsset
        {
            FileName = fileName, MimeType = file.MimeType, Kind = file.Kind, SizeBytes = file.Bytes, Sha256 = file.Sha256, StorageKey = key,
            Width = file.Width, Height = file.Height, DurationMs = file.DurationMs, SourceAssetId = sourceId, Derivation = file.Derivation,
            OffsetMs = file.OffsetMs, UploadedBy = uploadedBy, CreatedAt = now,
        };
        db.MediaAssets.Add(asset);
        return asset;
    }

    /// <summary>Copies the stream to the staging file while hashing; stops reading as soon as the budget is passed.</summary>
    private static async Task<(string Sha, long Bytes, byte[] Head, bool OverLimit, PngChunkWalker? Png)> StageAsync(Stream content, string path, long budget, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Pooled: a fresh 1 MB buffer per file lands on the large-object heap and costs a full collection every few uploads.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            return await StageAsync(content, path, budget, hash, buffer, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(string Sha, long Bytes, byte[] Head, bool OverLimit, PngChunkWalker? Png)> StageAsync(Stream content, string path, long budget, IncrementalHash hash,
        byte[] buffer, CancellationToken cancellationToken)
    {
        var head = new byte[MediaSniffer.HeaderLength];
        var headLength = 0;
        long total = 0;
        // What starts as a PNG has its chunks checked here, in the same pass, instead of being read back afterwards.
        PngChunkWalker? png = null;
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await FillAsync(content, buffer, cancellationToken)) > 0)
            {
                if (total == 0 && buffer.AsSpan(0, read).StartsWith(PngChunkWalker.Signature)) png = new PngChunkWalker();
                total += read;
                if (total > budget)
                {
                    return ("", total, [], true, null);
                }
                if (headLength < head.Length)
                {
                    var take = Math.Min(read, head.Length - headLength);
                    buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                    headLength += take;
                }
                hash.AppendData(buffer, 0, read);
                png?.Append(buffer.AsSpan(0, read));
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total, head[..headLength], false, png);
    }

    /// <summary>
    /// Reads until the buffer is full or the content ends. A stream may answer a read with a few kilobytes (a multipart
    /// section answers what its reader has buffered); hashing and writing whole buffers keeps the writes page-aligned
    /// and few.
    /// </summary>
    private static async ValueTask<int> FillAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0) filled += read;
        return filled;
    }

    private static MediaUploadProblem? CheckType(string name, string? claimedType, byte[] head, MediaOptions policy, out string? mime)
    {
        mime = null;
        if (head.Length == 0) return new(MediaRefusal.Corrupt, name, $"'{name}' is empty.");
        if (MediaSniffer.ArchiveName(head) is { } archive)
        {
            return new(MediaRefusal.UnsupportedType, name, $"'{name}' is {archive}; archives are not accepted as media (nothing is unpacked). Upload the images, audio or video themselves.");
        }
        var sniffed = MediaSniffer.Sniff(head);
        if (sniffed is null || MediaSniffer.KindOf(sniffed) is null)
        {
            return new(MediaRefusal.UnsupportedType, name, $"'{name}' is not a type of image, audio or video AiFlow recognises from its bytes.");
        }
        foreach (var (claim, what) in new[] { (MediaSniffer.Normalise(claimedType), "its Content-Type"), (MediaSniffer.TypeOfExtension(name), "its name") })
        {
            if (claim is not null && !MediaSniffer.Agree(claim, sniffed))
            {
                return new(MediaRefusal.TypeMismatch, name, $"'{name}' claims to be {claim} by {what}, but its bytes are {sniffed}; rename or re-export the file.");
            }
        }
        if (!policy.AllowedMimeTypes.Contains(sniffed, StringComparer.OrdinalIgnoreCase))
        {
            return new(MediaRefusal.UnsupportedType, name, $"'{name}' is {sniffed}, which this deployment does not accept (Media:AllowedMimeTypes: {string.Join(", ", policy.AllowedMimeTypes)}).");
        }
        mime = sniffed;
        return null;
    }

    private static (int Width, int Height, string? Problem) ReadHeaders(PreparedFile file)
    {
        using var stream = File.OpenRead(file.Path);
        return ImageHeaders.Read(file.MimeType, stream);
    }

    /// <param name="png">The PNG check made while staging, when the bytes began as a PNG; other images are read back.</param>
    private static MediaUploadProblem? CheckImage(string name, ref PreparedFile file, PngChunkWalker? png, MediaOptions policy)
    {
        var (width, height, problem) = file.MimeType == "image/png" && png is not null ? png.Finish() : ReadHeaders(file);
        if (problem is not null) return new(MediaRefusal.Corrupt, name, $"'{name}' is a damaged {file.MimeType} image: {problem}.");
        if ((long)width * height > policy.MaxImagePixels)
        {
            return new(MediaRefusal.Corrupt, name, $"'{name}' is {width} × {height} pixels, more than the {policy.MaxImagePixels:N0} this deployment decodes (Media:MaxImagePixels).");
        }
        file = file with { Width = width, Height = height };
        return null;
    }

    private static async Task<MediaUploadProblem?> ProbeAsync(string name, PreparedMedia prepared, PreparedFile file, MediaOptions policy, CancellationToken cancellationToken)
    {
        if (file.MimeType == "audio/wav")
        {
            await using var stream = File.OpenRead(file.Path);
            if (WavHeader.Problem(stream) is { } wavProblem) return new(MediaRefusal.Corrupt, name, $"'{name}' is a damaged WAV file: {wavProblem}.");
        }
        var (probe, problem) = await MediaProbe.ReadAsync(file.Path, policy, cancellationToken);
        if (probe is null) return new(MediaRefusal.Corrupt, name, $"'{name}' cannot be read as {file.MimeType}: {problem}.");
        if (file.Kind == MediaKind.Audio && !probe.HasAudio) return new(MediaRefusal.Corrupt, name, $"'{name}' holds no sound.");
        if (file.Kind == MediaKind.Video && !probe.HasVideo)
        {
            return new(MediaRefusal.Corrupt, name, $"'{name}' holds no pictures; upload sound-only files as audio (e.g. .m4a is not accepted; use WAV, MP3, OGG or FLAC).");
        }
        prepared.File = file with { DurationMs = probe.DurationMs, Width = probe.Width, Height = probe.Height };
        if (file.Kind == MediaKind.Video) return await DeriveAsync(name, prepared, probe, policy, cancellationToken);
        return null;
    }

    /// <summary>Samples frames at Media:FramesPerSecond (at most Media:MaxFramesPerVideo) and extracts the sound as 16 kHz mono WAV.</summary>
    private static async Task<MediaUploadProblem?> DeriveAsync(string name, PreparedMedia prepared, MediaProbe probe, MediaOptions policy, CancellationToken cancellationToken)
    {
        var source = prepared.File!.Path;
        var timeout = TimeSpan.FromSeconds(policy.ProbeTimeoutSeconds);
        var fps = policy.FramesPerSecond > 0 ? policy.FramesPerSecond : 0.5;
        var frames = Path.Combine(prepared.StagingFolder, "frames");
        Directory.CreateDirectory(frames);
        var rate = fps.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var outcome = await MediaTool.RunAsync(policy.FfmpegPath,
            ["-v", "error", "-nostdin", "-i", source, "-an", "-vf", $"fps={rate}", "-frames:v", Math.Max(1, policy.MaxFramesPerVideo).ToString(System.Globalization.CultureInfo.InvariantCulture),
             "-q:v", "3", Path.Combine(frames, "frame-%05d.jpg")], timeout, cancellationToken);
        if (outcome.TimedOut || outcome.ExitCode != 0)
        {
            return new(MediaRefusal.Corrupt, name, $"'{name}': its frames could not be sampled ({(outcome.TimedOut ? $"longer than {policy.ProbeTimeoutSeconds} s" : "ffmpeg failed")}).");
        }
        var index = 0;
        foreach (var frame in Directory.GetFiles(frames, "frame-*.jpg").Order(StringComparer.Ordinal))
        {
            await using var stream = File.OpenRead(frame);
            var (width, height, problem) = ImageHeaders.Read("image/jpeg", stream);
            if (problem is not null) continue;
            stream.Position = 0;
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            prepared.Derived.Add(new PreparedFile(frame, "image/jpeg", MediaKind.Image, sha, stream.Length)
            {
                Width = width, Height = height, Derivation = MediaDerivation.Frame, OffsetMs = (long)Math.Round(index * 1000 / fps),
            });
            index++;
        }

        if (!probe.HasAudio)
        {
            prepared.Note = "The video has no audio track, so no audio track was derived.";
            return null;
        }
        var audio = Path.Combine(prepared.StagingFolder, "audio.wav");
        outcome = await MediaTool.RunAsync(policy.FfmpegPath,
            ["-v", "error", "-nostdin", "-i", source, "-vn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", audio], timeout, cancellationToken);
        if (outcome.TimedOut || outcome.ExitCode != 0 || !File.Exists(audio))
        {
            return new(MediaRefusal.Corrupt, name, $"'{name}': its audio track could not be extracted ({(outcome.TimedOut ? $"longer than {policy.ProbeTimeoutSeconds} s" : "ffmpeg failed")}).");
        }
        await using (var stream = File.OpenRead(audio))
        {
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
            // 16 kHz, mono, 16-bit: 32 bytes per millisecond after the 44-byte header ffmpeg writes.
            prepared.Derived.Add(new PreparedFile(audio, "audio/wav", MediaKind.Audio, sha, stream.Length)
            {
                DurationMs = Math.Max(0, stream.Length - 44) / 32, Derivation = MediaDerivation.AudioTrack, OffsetMs = 0,
            });
        }
        return null;
    }

    private static string CleanName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        name = new string([.. name.Where(c => !char.IsControl(c))]);
        if (name.Length == 0) name = "upload";
        return name.Length > 255 ? name[..255] : name;
    }
}
