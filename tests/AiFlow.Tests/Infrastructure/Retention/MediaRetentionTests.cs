using System.Text;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Media;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Seeding;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Retention;

/// <summary>Retention of media (<c>Retention:MediaDays</c>): on a real database, with bytes on the file system.</summary>
public class MediaRetentionTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly DateTimeOffset Old = Now.AddDays(-100);

    [Fact]
    public async Task A_media_purge_deletes_old_uploads_nothing_names_with_their_derived_assets_and_bytes_and_keeps_the_rest()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.MediaDays = 30;
        await using var db = h.Database.CreateContext();
        var storage = h.MediaStorage;
        var pipeline = await TestRuns.AddPipelineAsync(db, "media");

        var loose = await AddAsync(db, storage, "loose", Old);
        var looseFrame = await AddDerivedAsync(db, storage, loose, "loose-frame");
        var fresh = await AddAsync(db, storage, "fresh", Now.AddDays(-1));
        var inTruthInput = await AddAsync(db, storage, "truth-input", Old);
        var inTruthExpected = await AddAsync(db, storage, "truth-expected", Old);
        var inSupersededTruth = await AddAsync(db, storage, "superseded-truth", Old);
        var inReview = await AddAsync(db, storage, "pending-review", Old);
        var inClosedReview = await AddAsync(db, storage, "closed-review", Old);
        var inRunning = await AddAsync(db, storage, "running", Old);
        var video = await AddAsync(db, storage, "video", Old);
        var videoFrame = await AddDerivedAsync(db, storage, video, "video-frame");

        db.GroundTruthExamples.Add(new GroundTruthExample
        {
            Scope = GroundTruthScope.Pipeline, ScopeId = pipeline.PipelineId, Reference = "media", CurrentVersionNumber = 2, CreatedAt = Now,
            Versions =
            [
                new GroundTruthVersion { Number = 1, CreatedAt = Old, SupersededAt = Now, InputJson = Input(inSupersededTruth.Id), ExpectedIrJson = "{}" },
                new GroundTruthVersion
                {
                    Number = 2, CreatedAt = Now, InputJson = Input(inTruthInput.Id), ExpectedIrJson = "{\"transcript\":{\"mediaId\":\"" + inTruthExpected.Id + "\"}}",
                },
            ],
        });
        var reviewed = AddRun(db, pipeline, RunStatus.Completed, Input(inReview.Id));
        db.ReviewItems.Add(Review(reviewed, ReviewItemStatus.InReview));
        var closed = AddRun(db, pipeline, RunStatus.Completed, Input(inClosedReview.Id));
        db.ReviewItems.Add(Review(closed, ReviewItemStatus.Completed));
        AddRun(db, pipeline, RunStatus.Running, Input(inRunning.Id));
        // A queued run that names only a frame keeps the video it was derived from (and so the frame).
        AddRun(db, pipeline, RunStatus.Queued, Input(videoFrame.Id));
        await db.SaveChangesAsync();

        var purge = await h.PurgeAsync();

        Assert.Null(purge.Error);
        Assert.Equal(4L, purge.MediaAssets);
        await using var check = h.Database.CreateContext();
        var deleted = await check.MediaAssets.Where(a => a.DeletedAt != null).Select(a => a.Id).ToListAsync();
        Assert.Equal(new[] { loose.Id, looseFrame.Id, inSupersededTruth.Id, inClosedReview.Id }.Order(), deleted.Order());
        MediaAsset[] kept = [fresh, inTruthInput, inTruthExpected, inReview, inRunning, video, videoFrame];
        Assert.All(kept, a => Assert.True(File.Exists(PathOf(h, a)), a.FileName + " lost its bytes"));
        Assert.All(new[] { loose, looseFrame, inSupersededTruth, inClosedReview }, a => Assert.False(File.Exists(PathOf(h, a)), a.FileName + " kept its bytes"));
    }

    [Fact]
    public async Task Bytes_another_live_asset_shares_stay_when_an_old_upload_using_them_is_purged()
    {
        await using var h = await RetentionHarness.CreateAsync();
        h.Options.MediaDays = 30;
        await using var db = h.Database.CreateContext();
        var storage = h.MediaStorage;
        var oldVideo = await AddAsync(db, storage, "old-video", Old);
        // A frame of the old video is byte for byte an image uploaded yesterday: both rows use one storage key.
        var frame = await AddDerivedAsync(db, storage, oldVideo, "same-picture");
        var image = await AddAsync(db, storage, "same-picture", Now.AddDays(-1));
        Assert.Equal(frame.StorageKey, image.StorageKey);

        var purge = await h.PurgeAsync();

        Assert.Equal(2L, purge.MediaAssets);
        await using var check = h.Database.CreateContext();
        Assert.NotNull((await check.MediaAssets.SingleAsync(a => a.Id == frame.Id)).DeletedAt);
        Assert.Null((await check.MediaAssets.SingleAsync(a => a.Id == image.Id)).DeletedAt);
        Assert.True(File.Exists(PathOf(h, image)));
        Assert.False(File.Exists(PathOf(h, oldVideo)));
    }

    [Fact]
    public async Task Without_a_media_ttl_the_purge_leaves_every_asset_and_its_bytes_alone()
    {
        await using var h = await RetentionHarness.CreateAsync();
        Assert.Null(h.Options.MediaDays);
        await using var db = h.Database.CreateContext();
        var ancient = await AddAsync(db, h.MediaStorage, "ancient", Now.AddDays(-3000));

        var purge = await h.PurgeAsync();

        Assert.Equal(0L, purge.MediaAssets);
        Assert.False(await db.MediaAssets.AnyAsync(a => a.DeletedAt != null));
        Assert.True(File.Exists(PathOf(h, ancient)));
    }

    [Fact]
    public async Task A_media_purge_walks_batch_after_batch_until_every_old_upload_is_done()
    {
        await using var h = await RetentionHarness.CreateAsync();
        (h.Options.MediaDays, h.Options.BatchSize) = (30, 10);
        await using var db = h.Database.CreateContext();
        for (var i = 0; i < 25; i++) await AddAsync(db, h.MediaStorage, $"batch-{i}", Old.AddMinutes(i));

        var purge = await h.PurgeAsync();

        Assert.Equal(25L, purge.MediaAssets);
        Assert.Empty(Directory.GetFiles(h.MediaRoot, "*", SearchOption.AllDirectories));
    }

    private static string Input(Guid mediaId) => $$"""{"frameIds":["{{mediaId}}"]}""";

    private static string PathOf(RetentionHarness h, MediaAsset asset) => Path.Combine(h.MediaRoot, asset.StorageKey);

    /// <summary>An upload of bytes made from <paramref name="content"/>, created at <paramref name="at"/>.</summary>
    private static Task<MediaAsset> AddAsync(AiFlowDbContext db, FileSystemMediaStorage storage, string content, DateTimeOffset at) =>
        DemoMedia.AddAsync(db, storage, Encoding.UTF8.GetBytes(content), content + ".png", "image/png", MediaKind.Image, 1, 1, null, "test", at, CancellationToken.None);

    /// <summary>A frame derived from <paramref name="source"/>, as the upload service records one.</summary>
    private static async Task<MediaAsset> AddDerivedAsync(AiFlowDbContext db, FileSystemMediaStorage storage, MediaAsset source, string content)
    {
        var bytes = Encoding.UTF8.GetBytes(content);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var key = MediaStorageKeys.ForSha256(sha);
        using (var stream = new MemoryStream(bytes)) await storage.PutAsync(key, stream, "image/jpeg", CancellationToken.None);
        var frame = new MediaAsset
        {
            FileName = content + ".jpg", MimeType = "image/jpeg", Kind = MediaKind.Image, SizeBytes = bytes.Length, Sha256 = sha, StorageKey = key,
            SourceAssetId = source.Id, Derivation = MediaDerivation.Frame, OffsetMs = 0, UploadedBy = "test", CreatedAt = source.CreatedAt,
        };
        db.MediaAssets.Add(frame);
        await db.SaveChangesAsync();
        return frame;
    }

    private static StepRun AddRun(AiFlowDbContext db, (Guid PipelineId, Guid VersionId, Guid StepVersionId) pipeline, RunStatus status, string input)
    {
        var run = TestRuns.Run(pipeline, Old, status, 0m, 0, input);
        if (status is RunStatus.Queued or RunStatus.Running) run.FinishedAt = null;
        var step = TestRuns.Step(run, pipeline.StepVersionId, "a", StepRunStatus.Completed, 10, 0m, 0);
        db.PipelineRuns.Add(run);
        db.StepRuns.Add(step);
        return step;
    }

    private static ReviewItem Review(StepRun step, ReviewItemStatus status) => new()
    {
        PipelineRunId = step.PipelineRunId, StepRunId = step.Id, StepVersionId = step.StepVersionId, NodeKey = step.NodeKey,
        Reason = ReviewReason.Sampling, Reasons = [ReviewReason.Sampling], Status = status, CreatedAt = Old,
    };
}
