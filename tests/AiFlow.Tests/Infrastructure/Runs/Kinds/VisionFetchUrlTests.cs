using System.Net;
using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Media;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Media.Imaging;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Seeding;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkiaSharp;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>
/// Issue 15, item 2 ("as URL for endpoints that can fetch, inline data otherwise"): the media-dossier pipeline run by the
/// real engine on PostgreSQL with <c>Media:PublicBaseUrl</c> pointing at the console's content route on a real host; the
/// simulator over HTTP downloads what it is sent by URL and answers from the pixels it got.
/// </summary>
public sealed class VisionFetchUrlTests : EngineTestBase, IDisposable
{
    private readonly string mediaRoot = Path.Combine(Path.GetTempPath(), "aiflow-fetchurl-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(mediaRoot)) Directory.Delete(mediaRoot, recursive: true);
        GC.SuppressFinalize(this);
    }

    private async Task<(IHost Engine, MediaContentHost Content)> StartAsync(TimeSpan clockAhead = default, bool ownKeyRing = false)
    {
        var content = await MediaContentHost.StartAsync(Database.ConnectionString, mediaRoot, clockAhead, ownKeyRing);
        var engine = BuildEngine(settings: new Dictionary<string, string?>
        {
            ["Media:Storage:RootPath"] = mediaRoot,
            ["Media:PublicBaseUrl"] = content.BaseUrl,
        });
        await using var db = Database.CreateContext();
        await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
        await new DemoMediaSeeder(db, engine.Services.GetRequiredService<IMediaStorage>(), TimeProvider.System).SeedAsync(CancellationToken.None);
        await db.InferenceEndpoints.Where(e => e.Name == DemoMediaSeeder.VisionEndpointName || e.Name == DemoMediaSeeder.WhisperEndpointName)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.BaseUrl, Simulator.BaseUrl));
        return (engine, content);
    }

    private async Task<MediaAsset> AddImageAsync(IHost engine, int width, int height, SKColor color)
    {
        await using var db = Database.CreateContext();
        return await DemoMedia.AddAsync(db, engine.Services.GetRequiredService<IMediaStorage>(), PngMaker.Solid(width, height, color), $"still_{width}x{height}.png",
            "image/png", MediaKind.Image, width, height, null, "test", DateTimeOffset.UtcNow, CancellationToken.None);
    }

    private async Task<(RunStatus? Status, StepRun Describe)> RunAsync(IHost engine, params Guid[] frames)
    {
        var audio = await AddAudioAsync(engine);
        var input = new JsonObject
        {
            ["frameIds"] = new JsonArray([.. frames.Select(f => (JsonNode)f.ToString())]),
            ["audioId"] = audio.ToString(),
        };
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, DemoMediaSeeder.PipelineKey, input.ToJsonString());
        var status = await engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);
        await using var read = Database.CreateContext();
        var describe = await read.StepRuns.AsNoTracking().Include(s => s.Artifacts).Include(s => s.Texts).Where(s => s.NodeKey == "describe_frames" && s.PipelineRunId == runId)
            .OrderByDescending(s => s.Attempt).FirstAsync();
        return (status, describe);
    }

    private async Task<Guid> AddAudioAsync(IHost engine)
    {
        await using var db = Database.CreateContext();
        return (await DemoMedia.AddAsync(db, engine.Services.GetRequiredService<IMediaStorage>(), AiFlow.Infrastructure.Media.Audio.WavWriter.Tone(1),
            "harbour_interview.wav", "audio/wav", MediaKind.Audio, null, null, 1000, "test", DateTimeOffset.UtcNow, CancellationToken.None)).Id;
    }

    private async Task<string> LoggedPromptAsync(Guid stepRunId)
    {
        await using var db = Database.CreateContext();
        return string.Join("\n", await db.AiRequestLogs.AsNoTracking().Where(r => r.StepRunId == stepRunId).OrderBy(r => r.CreatedAt).Select(r => r.RedactedPrompt).ToListAsync());
    }

    [Fact]
    public async Task An_endpoint_that_fetches_media_gets_signed_urls_of_the_original_and_of_the_resized_copy_and_answers_from_their_pixels()
    {
        var (engine, content) = await StartAsync();
        await using var _ = content;
        using var __ = engine;
        var blue = await AddImageAsync(engine, 64, 48, new SKColor(0, 0, 0xff));
        // Larger than the step's maxImageSide (1024): the URL must serve the sized-down bytes, not the original.
        var wide = await AddImageAsync(engine, 2048, 512, new SKColor(0x40, 0x80, 0x40));

        var (status, describe) = await RunAsync(engine, blue.Id, wide.Id);

        Assert.Equal(RunStatus.Completed, status);
        var vision = JsonNode.Parse(describe.Artifacts.Single().IrJson)!;
        Assert.Equal([(64, 48, "#0000ff"), (1024, 256, "#408040")], vision["images"]!.AsArray()
            .Select(i => (i!["width"]!.GetValue<int>(), i["height"]!.GetValue<int>(), i["meanColor"]!.GetValue<string>())));
        Guid resizedId;
        await using (var db = Database.CreateContext())
        {
            var resized = await db.MediaAssets.AsNoTracking().SingleAsync(a => a.SourceAssetId == wide.Id && a.Derivation == MediaDerivation.Resized);
            Assert.Equal((1024, 256), (resized.Width!.Value, resized.Height!.Value));
            resizedId = resized.Id;
        }
        // The simulator fetched both from the content route, with tokens it accepted: the original of the small image, the copy of the large one.
        Assert.Equal([($"/media/{blue.Id}/content", 200), ($"/media/{resizedId}/content", 200)], content.Hits.ToList());
        Assert.Contains($"[images: 2 sent to {DemoMediaSeeder.VisionEndpointName} as signed URLs it fetches]", describe.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Contains($"[media input.frameIds[1]: {wide.Id} image/png 1024x256 (resized from 2048x512)]", describe.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Contains("as signed URLs it fetches]", await LoggedPromptAsync(describe.Id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_is_chosen_per_attempt_so_an_endpoint_that_does_not_fetch_gets_inline_data_after_one_that_does_failed()
    {
        var (engine, content) = await StartAsync();
        await using var _ = content;
        using var __ = engine;
        await using (var db = Database.CreateContext())
        {
            // The route tries a fetching endpoint that always fails first, then the demo's endpoint, here marked as not fetching.
            var broken = new InferenceEndpoint
            {
                Name = "vision-fetching-broken", Kind = EndpointKind.Vision, BaseUrl = Simulator.BaseUrl, Model = "sim-vision@fault=500", FetchesMediaUrls = true,
            };
            db.InferenceEndpoints.Add(broken);
            await db.SaveChangesAsync();
            var inline = await db.InferenceEndpoints.SingleAsync(e => e.Name == DemoMediaSeeder.VisionEndpointName);
            inline.FetchesMediaUrls = false;
            var route = await db.ModelRoutes.SingleAsync(r => r.TaskType == "vision");
            route.EndpointChain = [broken.Id, inline.Id];
            await db.SaveChangesAsync();
        }
        var red = await AddImageAsync(engine, 30, 20, new SKColor(0xff, 0, 0));

        var (status, describe) = await RunAsync(engine, red.Id);

        Assert.Equal(RunStatus.Completed, status);
        var image = JsonNode.Parse(describe.Artifacts.Single().IrJson)!["images"]!.AsArray().Single()!;
        Assert.Equal((30, 20, "#ff0000"), (image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>(), image["meanColor"]!.GetValue<string>()));
        Assert.Contains("[images: 1 sent to vision-fetching-broken as signed URLs it fetches]", describe.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Contains($"[images: 1 sent to {DemoMediaSeeder.VisionEndpointName} inline as data: URLs]", describe.RenderedPrompt(), StringComparison.Ordinal);
        var logged = await LoggedPromptAsync(describe.Id);
        Assert.Contains("sent to vision-fetching-broken as signed URLs it fetches]", logged, StringComparison.Ordinal);
        Assert.Contains($"sent to {DemoMediaSeeder.VisionEndpointName} inline as data: URLs]", logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_public_base_url_a_fetching_endpoint_gets_inline_data_and_nothing_is_stored_or_fetched()
    {
        var content = await MediaContentHost.StartAsync(Database.ConnectionString, mediaRoot);
        await using var _ = content;
        using var engine = BuildEngine(settings: new Dictionary<string, string?> { ["Media:Storage:RootPath"] = mediaRoot });
        await using (var db = Database.CreateContext())
        {
            await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
            await new DemoMediaSeeder(db, engine.Services.GetRequiredService<IMediaStorage>(), TimeProvider.System).SeedAsync(CancellationToken.None);
            await db.InferenceEndpoints.Where(e => e.Name == DemoMediaSeeder.VisionEndpointName || e.Name == DemoMediaSeeder.WhisperEndpointName)
                .ExecuteUpdateAsync(u => u.SetProperty(e => e.BaseUrl, Simulator.BaseUrl));
        }
        var wide = await AddImageAsync(engine, 2048, 512, new SKColor(0x40, 0x80, 0x40));

        var (status, describe) = await RunAsync(engine, wide.Id);

        Assert.Equal(RunStatus.Completed, status);
        Assert.Contains($"[images: 1 sent to {DemoMediaSeeder.VisionEndpointName} inline as data: URLs]", describe.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Empty(content.Hits);
        await using var read = Database.CreateContext();
        Assert.False(await read.MediaAssets.AnyAsync(a => a.Derivation == MediaDerivation.Resized));
    }

    [Fact]
    public async Task With_a_public_base_url_a_call_whose_endpoints_all_take_inline_data_stores_no_resized_copy_and_signs_nothing()
    {
        var (engine, content) = await StartAsync();
        await using var _ = content;
        using var __ = engine;
        await using (var db = Database.CreateContext())
        {
            await db.InferenceEndpoints.Where(e => e.Name == DemoMediaSeeder.VisionEndpointName).ExecuteUpdateAsync(u => u.SetProperty(e => e.FetchesMediaUrls, false));
        }
        // Larger than the step's maxImageSide: a fetching endpoint would need a stored, sized-down copy of it.
        var wide = await AddImageAsync(engine, 2048, 512, new SKColor(0x40, 0x80, 0x40));

        var (status, describe) = await RunAsync(engine, wide.Id);

        Assert.Equal(RunStatus.Completed, status);
        var image = JsonNode.Parse(describe.Artifacts.Single().IrJson)!["images"]!.AsArray().Single()!;
        Assert.Equal((1024, 256), (image["width"]!.GetValue<int>(), image["height"]!.GetValue<int>()));
        Assert.Contains($"[images: 1 sent to {DemoMediaSeeder.VisionEndpointName} inline as data: URLs]", describe.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Empty(content.Hits);
        await using var read = Database.CreateContext();
        Assert.False(await read.MediaAssets.AnyAsync(a => a.SourceAssetId == wide.Id && a.Derivation == MediaDerivation.Resized));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task An_expired_or_forged_token_makes_the_simulators_fetch_fail_and_the_step_fails_saying_so(bool expired, bool forged)
    {
        var (engine, content) = await StartAsync(expired ? TimeSpan.FromHours(1) : default, ownKeyRing: forged);
        await using var _ = content;
        using var __ = engine;
        var image = await AddImageAsync(engine, 16, 16, SKColors.Red);

        var (status, describe) = await RunAsync(engine, image.Id);

        Assert.Equal(RunStatus.Failed, status);
        Assert.StartsWith("The call with 1 image(s) failed (an endpoint sent image URLs refuses the call when it cannot fetch them", describe.Error, StringComparison.Ordinal);
        Assert.Contains($"{DemoMediaSeeder.VisionEndpointName}: HTTP 400", describe.Error, StringComparison.Ordinal);
        // The route was asked, and refused the token every time (no 200 ever).
        Assert.NotEmpty(content.Hits);
        Assert.All(content.Hits, h => Assert.NotEqual(200, h.Status));
    }

    [Fact]
    public async Task The_content_route_opens_for_a_fetch_token_without_a_session_but_not_for_a_pages_token()
    {
        var (engine, content) = await StartAsync();
        await using var _ = content;
        using var __ = engine;
        var image = await AddImageAsync(engine, 5, 5, SKColors.Red);
        var fetchUrl = engine.Services.GetRequiredService<AiFlow.Infrastructure.Media.MediaFetchUrls>().For(image.Id)!;
        var pageUrl = content.BaseUrl + engine.Services.GetRequiredService<AiFlow.Infrastructure.Media.MediaUrls>().For(image.Id);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var fetched = await anonymous.GetAsync(new Uri(fetchUrl));
        using var paged = await anonymous.GetAsync(new Uri(pageUrl));
        using var otherAsset = await anonymous.GetAsync(new Uri(fetchUrl.Replace(image.Id.ToString(), Guid.CreateVersion7().ToString(), StringComparison.Ordinal)));

        Assert.StartsWith(content.BaseUrl + $"/media/{image.Id}/content?token=", fetchUrl, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        Assert.Equal(PngMaker.Solid(5, 5, SKColors.Red), await fetched.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(HttpStatusCode.OK, paged.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, otherAsset.StatusCode);
    }
}
