using AiFlow.Domain.Media;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Media.Upload;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Media;

/// <summary>Uploads on real files made in the test, to the file-system store in a folder of the test's own, on a real database.</summary>
public sealed class MediaUploadServiceTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private readonly string root = Path.Combine(Path.GetTempPath(), "aiflow-media-test-" + Guid.NewGuid().ToString("N"));
    private MutableOptionsMonitor<MediaOptions> options = null!;
    private MediaUploadService service = null!;
    private FileSystemMediaStorage storage = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        options = new MutableOptionsMonitor<MediaOptions>(new MediaOptions { Storage = new MediaStorageOptions { RootPath = root }, FramesPerSecond = 1 });
        storage = new FileSystemMediaStorage(options);
        service = new MediaUploadService(new TestContextFactory(database), storage, options, TimeProvider.System);
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private Task<MediaUploadResult> UploadAsync(byte[] bytes, string name, string? claimedType = null) =>
        service.UploadAsync(new MemoryStream(bytes), name, claimedType, "tester@example.org", CancellationToken.None);

    private string[] StoredFiles() => Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task A_png_and_a_jpeg_are_sniffed_measured_hashed_and_stored_under_their_sha256()
    {
        var png = MediaFiles.Png(64, 48);
        var jpeg = MediaFiles.Jpeg(320, 200);

        var pngResult = await UploadAsync(png, "chart.png");
        var jpegResult = await UploadAsync(jpeg, "photo.jpg", "image/jpeg");

        Assert.True(pngResult.Succeeded, pngResult.Problem?.Message);
        Assert.Equal(("image/png", MediaKind.Image, 64, 48), (pngResult.Asset!.MimeType, pngResult.Asset.Kind, pngResult.Asset.Width!.Value, pngResult.Asset.Height!.Value));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(png)), pngResult.Asset.Sha256);
        Assert.Equal(png.Length, pngResult.Asset.SizeBytes);
        Assert.True(jpegResult.Succeeded, jpegResult.Problem?.Message);
        Assert.Equal(("image/jpeg", 320, 200), (jpegResult.Asset!.MimeType, jpegResult.Asset.Width!.Value, jpegResult.Asset.Height!.Value));
        Assert.Equal(png, await File.ReadAllBytesAsync(Path.Combine(root, MediaStorageKeys.ForSha256(pngResult.Asset.Sha256))));
        Assert.Equal(2, StoredFiles().Length);
    }

    [Fact]
    public async Task The_same_bytes_uploaded_twice_under_another_name_answer_the_asset_already_stored()
    {
        var png = MediaFiles.Png(10, 10);

        var first = await UploadAsync(png, "a.png");
        var second = await UploadAsync(png, "b.png");

        Assert.False(first.Duplicate);
        Assert.True(second.Duplicate);
        Assert.Equal(first.Asset!.Id, second.Asset!.Id);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.MediaAssets.CountAsync());
        Assert.Single(StoredFiles());
    }

    [Fact]
    public async Task A_file_named_png_whose_bytes_are_a_jpeg_is_refused_naming_the_file_and_nothing_is_stored()
    {
        var byName = await UploadAsync(MediaFiles.Jpeg(20, 20), "holiday.png");
        var byContentType = await UploadAsync(MediaFiles.Png(20, 20), "holiday", "audio/wav");

        Assert.Equal(MediaRefusal.TypeMismatch, byName.Problem!.Kind);
        Assert.Contains("holiday.png", byName.Problem.Message, StringComparison.Ordinal);
        Assert.Contains("image/jpeg", byName.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(MediaRefusal.TypeMismatch, byContentType.Problem!.Kind);
        Assert.Empty(StoredFiles());
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.MediaAssets.CountAsync());
    }

    [Fact]
    public async Task A_zip_archive_and_unknown_bytes_are_refused_by_sniffing_whatever_their_name()
    {
        using var zipBuffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(zipBuffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            // A small archive that would expand a thousandfold: it is refused before anything is unpacked.
            await using var entry = zip.CreateEntry("bomb.bin", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            await entry.WriteAsync(new byte[4 * 1024 * 1024]);
        }

        var archive = await UploadAsync(zipBuffer.ToArray(), "pictures.jpg");
        var text = await UploadAsync("just some text"u8.ToArray(), "notes.wav");

        Assert.Equal(MediaRefusal.UnsupportedType, archive.Problem!.Kind);
        Assert.Contains("zip archive", archive.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(MediaRefusal.UnsupportedType, text.Problem!.Kind);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_type_the_deployment_does_not_allow_is_refused_and_the_policy_is_read_at_upload_time()
    {
        var gif = MediaFiles.Image(8, 8, SkiaSharp.SKEncodedImageFormat.Png);
        options.CurrentValue = new MediaOptions { Storage = options.CurrentValue.Storage, AllowedMimeTypes = ["image/jpeg"] };

        var refused = await UploadAsync(gif, "x.png");
        options.CurrentValue = new MediaOptions { Storage = options.CurrentValue.Storage };
        var accepted = await UploadAsync(gif, "x.png");

        Assert.Equal(MediaRefusal.UnsupportedType, refused.Problem!.Kind);
        Assert.Contains("Media:AllowedMimeTypes", refused.Problem.Message, StringComparison.Ordinal);
        Assert.True(accepted.Succeeded);
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_cut_off_at_the_limit_without_reading_the_rest_and_nothing_is_stored()
    {
        options.CurrentValue = new MediaOptions { Storage = options.CurrentValue.Storage, MaxUploadBytes = 1024 * 1024 };
        var stream = new EndlessStream();

        var result = await service.UploadAsync(stream, "huge.wav", "ops@example.org", CancellationToken.None);

        Assert.Equal(MediaRefusal.TooLarge, result.Problem!.Kind);
        Assert.Contains("huge.wav", result.Problem.Message, StringComparison.Ordinal);
        // The service reads in 1 MiB buffers: at most one buffer past the limit, never the (endless) rest.
        Assert.InRange(stream.Served, 1024 * 1024 + 1, 3 * 1024 * 1024);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_truncated_png_a_damaged_jpeg_and_a_corrupt_wav_are_refused_as_damaged()
    {
        var png = MediaFiles.Png(100, 100);
        var jpeg = MediaFiles.Jpeg(100, 100);
        var wav = MediaFiles.Wav(500);
        var corruptWav = wav.ToArray();
        corruptWav.AsSpan(20, 16).Clear();

        var truncated = await UploadAsync(png[..(png.Length / 2)], "half.png");
        var damaged = await UploadAsync(jpeg[..(jpeg.Length - 40)], "cut.jpg");
        var badWav = await UploadAsync(corruptWav, "noise.wav");

        Assert.Equal(MediaRefusal.Corrupt, truncated.Problem!.Kind);
        Assert.Contains("half.png", truncated.Problem.Message, StringComparison.Ordinal);
        Assert.Equal(MediaRefusal.Corrupt, damaged.Problem!.Kind);
        Assert.Equal(MediaRefusal.Corrupt, badWav.Problem!.Kind);
        Assert.Contains("noise.wav", badWav.Problem.Message, StringComparison.Ordinal);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_generated_wav_is_stored_with_its_duration_read_by_ffprobe()
    {
        var result = await UploadAsync(MediaFiles.Wav(1500), "tone.wav", "audio/x-wav");

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(("audio/wav", MediaKind.Audio), (result.Asset!.MimeType, result.Asset.Kind));
        Assert.InRange(result.Asset.DurationMs!.Value, 1450, 1550);
    }

    [Fact]
    public async Task A_video_with_sound_gets_frames_at_the_configured_rate_and_its_audio_track_as_derived_assets()
    {
        var result = await UploadAsync(MediaFiles.Video(3, withAudio: true), "clip.mp4");

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.Equal(("video/mp4", 160, 120), (result.Asset!.MimeType, result.Asset.Width!.Value, result.Asset.Height!.Value));
        Assert.InRange(result.Asset.DurationMs!.Value, 2900, 3200);
        var frames = result.Derived.Where(d => d.Derivation == MediaDerivation.Frame).ToList();
        Assert.InRange(frames.Count, 3, 4);
        Assert.All(frames, f => Assert.Equal((result.Asset.Id, "image/jpeg", 160), (f.SourceAssetId!.Value, f.MimeType, f.Width!.Value)));
        Assert.Equal([0L, 1000L, 2000L], frames.Take(3).Select(f => f.OffsetMs!.Value));
        var audio = Assert.Single(result.Derived, d => d.Derivation == MediaDerivation.AudioTrack);
        Assert.Equal(("audio/wav", result.Asset.Id), (audio.MimeType, audio.SourceAssetId!.Value));
        Assert.InRange(audio.DurationMs!.Value, 2800, 3200);
        Assert.Null(result.Note);
        await using var db = database.CreateContext();
        Assert.Equal(1 + result.Derived.Count, await db.MediaAssets.CountAsync());
    }

    [Fact]
    public async Task A_video_without_sound_is_stored_with_frames_and_no_audio_track_and_the_answer_says_so()
    {
        var result = await UploadAsync(MediaFiles.Video(2, withAudio: false), "silent.mp4");

        Assert.True(result.Succeeded, result.Problem?.Message);
        Assert.NotEmpty(result.Derived);
        Assert.DoesNotContain(result.Derived, d => d.Derivation == MediaDerivation.AudioTrack);
        Assert.Contains("no audio track", result.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_an_asset_marks_it_and_its_derived_assets_deleted_and_removes_bytes_no_other_asset_shares()
    {
        var video = await UploadAsync(MediaFiles.Video(1, withAudio: true), "short.mp4");
        var image = await UploadAsync(MediaFiles.Png(12, 12), "keep.png");
        Assert.True(video.Succeeded, video.Problem?.Message);

        Assert.True(await service.DeleteAsync(video.Asset!.Id, CancellationToken.None));
        Assert.False(await service.DeleteAsync(video.Asset.Id, CancellationToken.None));

        await using var db = database.CreateContext();
        var deleted = await db.MediaAssets.Where(a => a.Id == video.Asset.Id || a.SourceAssetId == video.Asset.Id).ToListAsync();
        Assert.All(deleted, a => Assert.NotNull(a.DeletedAt));
        Assert.Equal([image.Asset!.Sha256], StoredFiles().Select(Path.GetFileName));
    }

    [Fact]
    public async Task Two_uploads_of_the_same_bytes_started_together_make_one_asset_and_both_answer_its_id()
    {
        // Both uploads look for the bytes before either stores them: the store holds each until the other arrives.
        var rendezvous = new RendezvousStorage(storage, parties: 2);
        var first = new MediaUploadService(new TestContextFactory(database), rendezvous, options, TimeProvider.System);
        var second = new MediaUploadService(new TestContextFactory(database), rendezvous, options, TimeProvider.System);
        var png = MediaFiles.Png(16, 16);

        var results = await Task.WhenAll(
            Task.Run(() => first.UploadAsync(new MemoryStream(png), "one.png", "tester@example.org", CancellationToken.None)),
            Task.Run(() => second.UploadAsync(new MemoryStream(png), "two.png", "tester@example.org", CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Problem?.Message));
        Assert.Equal(results[0].Asset!.Id, results[1].Asset!.Id);
        Assert.Equal([false, true], results.Select(r => r.Duplicate).Order());
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.MediaAssets.CountAsync());
        Assert.Single(StoredFiles());
    }

    [Fact]
    public async Task Two_demo_media_of_the_same_bytes_added_together_make_one_asset()
    {
        var rendezvous = new RendezvousStorage(storage, parties: 2);
        var bytes = MediaFiles.Png(6, 6);
        async Task<MediaAsset> AddAsync(string name)
        {
            await using var db = database.CreateContext();
            return await AiFlow.Infrastructure.Seeding.DemoMedia.AddAsync(db, rendezvous, bytes, name, "image/png", MediaKind.Image, 6, 6, null, "seed",
                DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var assets = await Task.WhenAll(Task.Run(() => AddAsync("a.png")), Task.Run(() => AddAsync("b.png")));

        Assert.Equal(assets[0].Id, assets[1].Id);
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.MediaAssets.CountAsync());
    }

    /// <summary>Holds every write until <paramref name="parties"/> writers have arrived, so their look-ups all came first.</summary>
    private sealed class RendezvousStorage(IMediaStorage inner, int parties) : IMediaStorage
    {
        private readonly TaskCompletionSource everyone = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int arrived;

        private async Task ArriveAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref arrived) >= parties) everyone.TrySetResult();
            await everyone.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }

        public async Task PutAsync(string key, Stream content, string mimeType, CancellationToken cancellationToken)
        {
            await ArriveAsync(cancellationToken);
            await inner.PutAsync(key, content, mimeType, cancellationToken);
        }

        public async Task PutFileAsync(string key, string path, string mimeType, CancellationToken cancellationToken)
        {
            await ArriveAsync(cancellationToken);
            await inner.PutFileAsync(key, path, mimeType, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken) => inner.OpenReadAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public string? StagingRoot => inner.StagingRoot;
    }

    /// <summary>A stream that never ends, counting what was read from it: a 4 GB upload without 4 GB of memory.</summary>
    private sealed class EndlessStream : Stream
    {
        private static readonly byte[] Header = MediaFiles.Wav(10)[..44];
        public long Served { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Served; set => throw new NotSupportedException(); }
        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var span = buffer.AsSpan(offset, count);
            span.Clear();
            if (Served < Header.Length) Header.AsSpan((int)Served, (int)Math.Min(Header.Length - Served, count)).CopyTo(span);
            Served += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
