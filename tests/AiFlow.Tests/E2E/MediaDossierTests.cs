using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFlow.Infrastructure.Seeding;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// Issue 15's walk, the step half: an Admin runs the demo's media-dossier on the demo media, sees the frames beside
/// the vision IR (loaded through their signed URLs) and plays the transcript: a segment's click seeks the audio.
/// Uploading the media through the console is the upload page's test.
/// </summary>
[Collection(ConsoleCollection.Name)]
public class MediaDossierTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_admin_runs_media_dossier_sees_the_frames_beside_the_ir_and_a_transcript_segment_seeks_the_audio()
    {
        JsonObject input;
        await using (var db = console.Database.CreateContext())
        {
            var frames = await db.MediaAssets.Where(a => a.FileName == "harbour_at_dawn.png" || a.FileName == "green_field.png").OrderBy(a => a.FileName).Select(a => a.Id).ToListAsync();
            var audio = await db.MediaAssets.Where(a => a.FileName == "harbour_interview.wav").Select(a => a.Id).FirstAsync();
            input = new JsonObject { ["frameIds"] = new JsonArray([.. frames.Select(f => (JsonNode)f.ToString())]), ["audioId"] = audio.ToString() };
        }
        var page = await console.SignedInPageAsync("admin@aiflow.local", returnUrl: "/runs");
        var ui = new RunsUi(page);
        await ui.OpenAsync("/runs");
        await ui.OpenStartRunDialogAsync();
        await ui.PickAsync("start-run-pipeline", DemoMediaSeeder.PipelineKey);
        await ui.FillInputAsync(input.ToJsonString());
        await Assertions.Expect(ui.InputState).ToHaveAttributeAsync("data-valid", "yes", new() { Timeout = 30_000 });
        await ui.SubmitStartAsync();
        await page.WaitForURLAsync(new Regex("/runs/[0-9a-f-]{36}$"), new() { Timeout = 60_000 });
        await SignInPage.WaitForInteractiveAsync(page);
        await ui.WaitForRunStatusAsync("Completed", 120_000);

        await ui.SelectBarAsync("describe_frames");
        var images = page.GetByTestId("media-image");
        await Assertions.Expect(images).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("inspector-ir")).ToContainTextAsync("320x180 pixels", new() { Timeout = 30_000 });
        // The image really loaded through its signed URL: the browser decoded 320 pixels of width.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=media-image]')].every(i => i.complete && i.naturalWidth === 320)",
            null, new() { Timeout = 60_000 });

        await ui.SelectBarAsync("transcribe_audio");
        var player = page.GetByTestId("media-audio");
        await Assertions.Expect(player).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("transcript-segment")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=media-audio]').readyState >= 1", null, new() { Timeout = 60_000 });
        await page.GetByTestId("seek-segment").Nth(2).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=media-audio]').currentTime >= 2", null, new() { Timeout = 60_000 });
        var at = await player.EvaluateAsync<double>("a => a.currentTime");
        Assert.InRange(at, 2.0, 3.0);
        Assert.Equal("2", await page.GetByTestId("transcript-segment").Nth(2).GetAttributeAsync("data-start"));
    }
}
