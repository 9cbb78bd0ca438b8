using System.Text.Json.Nodes;
using AiFlow.Domain.Media;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Media.Audio;
using AiFlow.Infrastructure.Media.Imaging;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Seeding;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>
/// Issue 15, items 2 and "Bad input": the demo's media-dossier pipeline run by the real engine on PostgreSQL, its vision
/// and transcription steps calling the simulator over HTTP with the bytes of assets made here; the simulator's answers
/// (pixel sizes, mean colours, durations) prove the media arrived.
/// </summary>
public sealed class MediaStepsRunTests : EngineTestBase
{
    private async Task SeedDossierAsync()
    {
        await using var db = Database.CreateContext();
        await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
        await new DemoMediaSeeder(db, Storage, TimeProvider.System).SeedAsync(CancellationToken.None);
        // The demo's endpoints point at the console's own simulator; this test's simulator stands in for it.
        await db.InferenceEndpoints.Where(e => e.Name == DemoMediaSeeder.VisionEndpointName || e.Name == DemoMediaSeeder.WhisperEndpointName)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.BaseUrl, Simulator.BaseUrl));
    }

    private IMediaStorage Storage => Engine.Services.GetRequiredService<IMediaStorage>();

    private async Task<MediaAsset> AddImageAsync(int width, int height, SKColor color)
    {
        await using var db = Database.CreateContext();
        return await DemoMedia.AddAsync(db, Storage, PngMaker.Solid(width, height, color), $"still_{width}x{height}.png", "image/png", MediaKind.Image,
            width, height, null, "test", DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<MediaAsset> AddAudioAsync(double seconds)
    {
        await using var db = Database.CreateContext();
        return await DemoMedia.AddAsync(db, Storage, WavWriter.Tone(seconds, frequencyHz: 300 + seconds), "harbour_interview.wav", "audio/wav", MediaKind.Audio,
            null, null, (long)(seconds * 1000), "test", DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<(RunStatus? Status, Guid RunId)> RunAsync(JsonObject input)
    {
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, DemoMediaSeeder.PipelineKey, input.ToJsonString());
        return (await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None), runId);
    }

    private async Task<StepRun> StepAsync(Guid runId, string node)
    {
        await using var db = Database.CreateContext();
        return await db.StepRuns.AsNoTracking().Include(s => s.Artifacts).Include(s => s.Texts).Where(s => s.NodeKey == node && s.PipelineRunId == runId)
            .OrderByDescending(s => s.Attempt).FirstAsync();
    }

    private static JsonObject Input(IEnumerable<Guid> frames, Guid audio) => new()
    {
        ["frameIds"] = new JsonArray([.. frames.Select(f => (JsonNode)f.ToString())]),
        ["audioId"] = audio.ToString(),
    };

    [Fact]
    public async Task Media_dossier_sends_the_frames_and_the_audio_and_fuses_what_the_simulator_saw_and_heard()
    {
        await SeedDossierAsync();
        var blue = await AddImageAsync(64, 48, new SKColor(0, 0, 0xff));
        // Larger than the step's maxImageSide (1024): sent sized down, as the simulator's answer shows.
        var wide = await AddImageAsync(2048, 512, new SKColor(0x40, 0x80, 0x40));
        var audio = await AddAudioAsync(2.5);

        var (status, runId) = await RunAsync(Input([blue.Id, wide.Id], audio.Id));

        Assert.Equal(RunStatus.Completed, status);
        var vision = JsonNode.Parse((await StepAsync(runId, "describe_frames")).Artifacts.Single().IrJson)!;
        Assert.Equal([(64, 48, "#0000ff"), (1024, 256, "#408040")], vision["images"]!.AsArray()
            .Select(i => (i!["width"]!.GetValue<int>(), i["height"]!.GetValue<int>(), i["meanColor"]!.GetValue<string>())));
        var describe = await StepAsync(runId, "describe_frames");
        Assert.Contains($"[media input.frameIds[1]: {wide.Id} image/png 1024x256 (resized from 2048x512)]", describe.RenderedPrompt(), StringComparison.Ordinal);

        var transcript = JsonNode.Parse((await StepAsync(runId, "transcribe_audio")).Artifacts.Single().IrJson)!;
        Assert.Equal(audio.Id.ToString(), transcript["mediaId"]!.GetValue<string>());
        Assert.Equal(2.5, transcript["durationSeconds"]!.GetValue<double>(), 3);
        var segments = transcript["segments"]!.AsArray();
        Assert.Equal(3, segments.Count);
        Assert.Equal(2.5, segments.Sum(s => s!["end"]!.GetValue<double>() - s["start"]!.GetValue<double>()), 3);
        Assert.Contains("2.5 seconds", transcript["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var fuse = await StepAsync(runId, "fuse_dossier");
        Assert.Contains("Image 2: 1024x256 pixels, mean colour #408040.", fuse.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Contains("The audio lasts 2.5 seconds.", fuse.RenderedPrompt(), StringComparison.Ordinal);
        Assert.True(fuse.Artifacts.Single().IsValid);
    }

    [Fact]
    public async Task A_media_id_that_does_not_exist_was_deleted_or_is_the_wrong_kind_fails_the_run_naming_the_input_and_the_media()
    {
        await SeedDossierAsync();
        var image = await AddImageAsync(8, 8, SKColors.Red);
        var deleted = await AddImageAsync(9, 9, SKColors.Red);
        var audio = await AddAudioAsync(1);
        var unknown = Guid.CreateVersion7();
        await using (var db = Database.CreateContext())
        {
            await db.MediaAssets.Where(a => a.Id == deleted.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.DeletedAt, DateTimeOffset.UtcNow));
        }

        var (unknownStatus, unknownRun) = await RunAsync(Input([image.Id, unknown], audio.Id));
        var (deletedStatus, deletedRun) = await RunAsync(Input([deleted.Id], audio.Id));
        var (swappedStatus, swappedRun) = await RunAsync(Input([audio.Id], image.Id));

        Assert.Equal(RunStatus.Failed, unknownStatus);
        Assert.Equal($"input.frameIds[1]: media {unknown} does not exist.", (await StepAsync(unknownRun, "describe_frames")).Error);
        Assert.Equal(RunStatus.Failed, deletedStatus);
        Assert.StartsWith($"input.frameIds[0]: media {deleted.Id} was deleted at ", (await StepAsync(deletedRun, "describe_frames")).Error, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, swappedStatus);
        Assert.Equal($"input.frameIds[0]: media {audio.Id} is audio (audio/wav), not an image.", (await StepAsync(swappedRun, "describe_frames")).Error);
        Assert.Equal($"input.audioId: media {image.Id} is an image (image/png), not audio.", (await StepAsync(swappedRun, "transcribe_audio")).Error);
        // What the step was given is wrong the same way on every attempt: it fails once, though its node allows retries.
        await using var check = Database.CreateContext();
        var dag = (await check.PipelineVersions.AsNoTracking().FirstAsync(v => v.PipelineDefinition!.Key == DemoMediaSeeder.PipelineKey && v.IsActive)).Dag;
        Assert.True(dag.Nodes.Single(n => n.Key == "describe_frames").Retries > 0);
        Assert.Equal(1, await check.StepRuns.CountAsync(s => s.PipelineRunId == swappedRun && s.NodeKey == "describe_frames" && s.Attempt > 0));
    }

    [Fact]
    public async Task A_vision_step_on_an_endpoint_that_refuses_images_fails_with_the_endpoints_reason()
    {
        await SeedDossierAsync();
        await using (var db = Database.CreateContext())
        {
            await db.InferenceEndpoints.Where(e => e.Name == DemoMediaSeeder.VisionEndpointName).ExecuteUpdateAsync(u => u.SetProperty(e => e.Model, "sim-chat"));
        }
        var image = await AddImageAsync(8, 8, SKColors.Red);
        var audio = await AddAudioAsync(1);

        var (status, runId) = await RunAsync(Input([image.Id], audio.Id));

        Assert.Equal(RunStatus.Failed, status);
        var error = (await StepAsync(runId, "describe_frames")).Error!;
        Assert.StartsWith("The call with 1 image(s) failed (an endpoint that does not accept images refuses it):", error, StringComparison.Ordinal);
        // The gateway names the endpoint and its status, never the body (FailureClassifier).
        Assert.Contains($"{DemoMediaSeeder.VisionEndpointName}: HTTP 400", error, StringComparison.Ordinal);
    }
}
