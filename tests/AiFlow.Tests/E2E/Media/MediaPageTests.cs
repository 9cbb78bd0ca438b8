using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E.Media;

/// <summary>The /media page in Chromium: upload through the page's file input, then the thumbnail and the player.</summary>
[Collection(MediaConsoleCollection.Name)]
public class MediaPageTests(MediaConsoleFixture console)
{
    [Fact]
    public async Task An_ops_user_uploads_an_image_and_an_audio_file_on_the_media_page_and_sees_the_thumbnail_and_the_player()
    {
        var context = await console.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = console.App.BaseAddress.ToString() });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1400, 900);
        await new SignInPage(page).SignInAsync("ops@aiflow.local", ConsoleApp.DemoPassword, "/media");
        await SignInPage.WaitForInteractiveAsync(page);
        var image = "page-" + Guid.NewGuid().ToString("N")[..6] + ".png";
        var audio = "page-" + Guid.NewGuid().ToString("N")[..6] + ".wav";

        await page.Locator("input.media-file-input").SetInputFilesAsync(
        [
            new FilePayload { Name = image, MimeType = "image/png", Buffer = MediaFiles.Png(80, 60) },
            new FilePayload { Name = audio, MimeType = "audio/wav", Buffer = MediaFiles.Wav(1200) },
        ]);

        await Assertions.Expect(page.GetByTestId("media-upload-done")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
        var imageRow = page.GetByTestId("media-row").Filter(new() { HasText = image });
        var thumbnail = imageRow.GetByTestId("media-thumbnail");
        await Assertions.Expect(thumbnail).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The thumbnail really loaded through its signed URL: the browser decoded an 80-pixel-wide image.
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('[data-testid=media-thumbnail]')].some(i => i.complete && i.naturalWidth === 80)",
            null, new() { Timeout = 60_000 });
        await page.GetByTestId("media-row").Filter(new() { HasText = audio }).ClickAsync();
        var player = page.GetByTestId("media-details").GetByTestId("media-audio");
        await Assertions.Expect(player).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Contains("/media/", await player.GetAttributeAsync("src"), StringComparison.Ordinal);
        await context.CloseAsync();
    }
}
