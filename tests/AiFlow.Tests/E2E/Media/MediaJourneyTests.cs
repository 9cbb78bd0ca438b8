using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Seeding;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace AiFlow.Tests.E2E.Media;

/// <summary>
/// Issue 15's walk in Chromium, as a user takes it: upload an image and an audio file on /media, run media-dossier on
/// them from the Start run dialog, see that image beside the vision IR and seek the audio from a transcript segment.
/// Then deleting media from the page, which only the roles of <c>DELETE /api/media/{id}</c> are offered.
/// </summary>
[Collection(MediaConsoleCollection.Name)]
public class MediaJourneyTests(MediaConsoleFixture console)
{
    [Fact]
    public async Task An_admin_uploads_an_image_and_a_wav_runs_media_dossier_on_them_sees_that_image_beside_the_ir_and_a_transcript_segment_seeks_the_audio()
    {
        // Sizes, colour and length no other test uses, so the upload cannot be answered by an asset stored before
        // (dedup), and the image the inspector shows can only be this one. 3.1–3.9 s of audio: four one-second segments.
        var (width, height) = (200 + Random.Shared.Next(100), 100 + Random.Shared.Next(60));
        var png = MediaFiles.Image(width, height, SKEncodedImageFormat.Png, new SKColor((byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256), (byte)Random.Shared.Next(256)));
        var wav = MediaFiles.Wav(3100 + Random.Shared.Next(800));
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (imageName, audioName) = ($"journey-{tag}.png", $"interview-{tag}.wav");
        var page = await SignedInPageAsync("admin@aiflow.local", "/media");

        await page.Locator("input.media-file-input").SetInputFilesAsync(
        [
            new FilePayload { Name = imageName, MimeType = "image/png", Buffer = png },
            new FilePayload { Name = audioName, MimeType = "audio/wav", Buffer = wav },
        ]);
        var done = page.GetByTestId("media-upload-done");
        await Assertions.Expect(done).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(done.Nth(0)).ToHaveTextAsync("stored");
        await Assertions.Expect(done.Nth(1)).ToHaveTextAsync("stored");
        // The thumbnail is this upload, decoded by the browser through its signed URL.
        var thumbnail = page.GetByTestId("media-row").Filter(new() { HasText = imageName }).GetByTestId("media-thumbnail");
        await Assertions.Expect(thumbnail).ToHaveJSPropertyAsync("naturalWidth", width, new() { Timeout = 60_000 });

        var imageId = await ReadIdAsync(page, imageName);
        var audioId = await ReadIdAsync(page, audioName);
        await Assertions.Expect(page.GetByTestId("media-details").GetByTestId("media-audio")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        var runs = new RunsUi(page);
        await runs.OpenAsync("/runs");
        await runs.OpenStartRunDialogAsync();
        await runs.PickAsync("start-run-pipeline", DemoMediaSeeder.PipelineKey);
        await runs.FillInputAsync(new JsonObject { ["frameIds"] = new JsonArray((JsonNode)imageId), ["audioId"] = audioId }.ToJsonString());
        await Assertions.Expect(runs.InputState).ToHaveAttributeAsync("data-valid", "yes", new() { Timeout = 30_000 });
        await runs.SubmitStartAsync();
        try
        {
            await runs.WaitForStartedRunAsync(60_000);
        }
        catch (TimeoutException ex)
        {
            // Tells a launch that never committed from a navigation that never came (this wait failed in CI once).
            await using var db = console.Database.CreateContext();
            var since = DateTimeOffset.UtcNow.AddMinutes(-5);
            var recent = await db.PipelineRuns.AsNoTracking().Where(r => r.CreatedAt > since).Select(r => new { r.Id, r.Status, r.InputJson }).ToListAsync();
            var launched = recent.Where(r => r.InputJson.Contains(imageId, StringComparison.Ordinal)).ToList();
            throw new TimeoutException($"{ex.Message}; runs launched on this input: [{string.Join(", ", launched.Select(r => $"{r.Id} {r.Status}"))}]", ex);
        }
        await runs.WaitForRunStatusAsync("Completed", 120_000);

        await runs.SelectBarAsync("describe_frames");
        await Assertions.Expect(page.GetByTestId("media-item")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        var image = page.Locator($"[data-testid=media-item][data-media='{imageId}']").GetByTestId("media-image");
        await Assertions.Expect(image).ToHaveJSPropertyAsync("naturalWidth", width, new() { Timeout = 60_000 });
        await Assertions.Expect(image).ToHaveJSPropertyAsync("naturalHeight", height);
        // The vision step was sent these bytes: the simulator states the size it decoded, in the IR beside the image.
        await Assertions.Expect(page.GetByTestId("inspector-ir")).ToContainTextAsync($"{width}x{height} pixels", new() { Timeout = 30_000 });

        await runs.SelectBarAsync("transcribe_audio");
        var player = page.Locator($"[data-testid=media-item][data-media='{audioId}']").GetByTestId("media-audio");
        await Assertions.Expect(player).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var segments = page.GetByTestId("transcript-segment");
        await Assertions.Expect(segments).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        await Assertions.Expect(segments.Nth(2)).ToContainTextAsync($"interview {tag}");
        await Assertions.Expect(segments.Nth(2)).ToHaveAttributeAsync("data-start", "2");
        // The player has read the audio's metadata (through its signed URL), so it can seek.
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=media-audio]').readyState >= 1", null, new() { Timeout = 60_000 });
        Assert.Equal(0d, await player.EvaluateAsync<double>("a => a.currentTime"));

        await segments.Nth(2).GetByTestId("seek-segment").ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=media-audio]').currentTime >= 2", null, new() { Timeout = 60_000 });
        Assert.InRange(await player.EvaluateAsync<double>("a => a.currentTime"), 2.0, 3.0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_admin_deletes_an_upload_from_the_media_page_after_confirming_and_it_stays_gone_while_ops_and_reviewers_may_not_delete()
    {
        var name = $"doomed-{Guid.NewGuid().ToString("N")[..8]}.png";
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        using var form = new MultipartFormDataContent();
        var bytes = new ByteArrayContent(MediaFiles.Image(41 + Random.Shared.Next(50), 23, SKEncodedImageFormat.Png, new SKColor((byte)Random.Shared.Next(256), 90, 30)));
        bytes.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(bytes, "files", name);
        using var created = await admin.PostAsync(new Uri("/api/media", UriKind.Relative), form);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())![0]!["id"]!.GetValue<Guid>();

        // Ops may open the page but not delete: no button, and the API refuses them as it refuses a Reviewer.
        var ops = await SignedInPageAsync("ops@aiflow.local", "/media");
        await Row(ops, name).ClickAsync();
        await Assertions.Expect(ops.GetByTestId("media-details")).ToContainTextAsync(id.ToString(), new() { Timeout = 30_000 });
        await Assertions.Expect(ops.GetByTestId("media-delete")).ToHaveCountAsync(0);
        await ops.Context.CloseAsync();
        using var opsKey = await console.ApiClientWithRoleAsync(Roles.Ops);
        using var reviewerKey = await console.ApiClientWithRoleAsync(Roles.Reviewer);
        using (var opsDelete = await opsKey.DeleteAsync(new Uri($"/api/media/{id}", UriKind.Relative)))
        using (var reviewerDelete = await reviewerKey.DeleteAsync(new Uri($"/api/media/{id}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, opsDelete.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, reviewerDelete.StatusCode);
        }

        var page = await SignedInPageAsync("admin@aiflow.local", "/media");
        await Row(page, name).ClickAsync();
        var delete = page.GetByTestId("media-details").GetByTestId("media-delete");
        // Cancelling the confirmation deletes nothing.
        await delete.ClickAsync();
        var dialog = page.Locator(".mud-dialog").Filter(new() { HasText = "Delete media" });
        await Assertions.Expect(dialog).ToContainTextAsync(name, new() { Timeout = 30_000 });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(1);

        await delete.ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("media-details")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await SignInPage.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("media-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(0);
        using var read = await admin.GetAsync(new Uri($"/api/media/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string fileName) => page.GetByTestId("media-row").Filter(new() { HasText = fileName });

    /// <summary>Opens the asset's details, as a user does to copy its id, and reads the id shown there.</summary>
    private static async Task<string> ReadIdAsync(IPage page, string fileName)
    {
        await Row(page, fileName).ClickAsync();
        var details = page.GetByTestId("media-details");
        await Assertions.Expect(details).ToContainTextAsync(fileName, new() { Timeout = 30_000 });
        var id = (await details.GetByTestId("media-id").InnerTextAsync()).Trim();
        Assert.True(Guid.TryParse(id, out _), $"'{id}' is not a media id");
        return id;
    }

    private async Task<IPage> SignedInPageAsync(string email, string path)
    {
        var context = await console.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.App.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync(email, ConsoleApp.DemoPassword, path);
        await SignInPage.WaitForInteractiveAsync(page);
        return page;
    }
}
