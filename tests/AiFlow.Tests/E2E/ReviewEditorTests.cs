using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class ReviewEditorTests(ConsoleFixture console)
{
    [Fact]
    public async Task Shortcut_keys_typed_in_the_monaco_correction_editor_stay_text_escape_gives_them_back_and_the_draft_survives_a_reload()
    {
        using var client = ReviewRunSupport.Client(console);
        var (key, step) = await ReviewRunSupport.AddPipelineAsync(console, ["good", "bad"]);
        await ReviewRunSupport.WaitForAsync(client, await ReviewRunSupport.StartAsync(client, key, "keys"), "WaitingForReview");
        var page = await console.NewPageAsync();
        await new SignInPage(page).SignInAsync("reviewer@aiflow.local", ConsoleApp.DemoPassword, $"/review?step={step}");
        await SignInPage.WaitForInteractiveAsync(page);
        await page.GetByTestId("review-start").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var panel = new ReviewPanel(page);
        var item = await panel.WaitForItemAsync();
        // Each label chip names the digit that toggles it.
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveTextAsync("1 · good");
        await Assertions.Expect(page.GetByTestId("label-bad")).ToHaveTextAsync("2 · bad");

        await panel.CorrectAsync("""{"text":"1 2 a r e s ? x"}""");
        await panel.PressAsync("ArrowLeft");
        await panel.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("review-diff-entry")).ToHaveTextAsync("Changed /text");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "no");
        await Assertions.Expect(page.GetByTestId("review-cheatsheet")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("review-decision")).ToHaveTextAsync("Correct");
        await Assertions.Expect(panel.Root).ToHaveAttributeAsync("data-item", item);

        await panel.PressAsync("Escape");
        await Assertions.Expect(panel.EditorInput).Not.ToBeFocusedAsync();
        await panel.PressAsync("1");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "yes");

        await page.ReloadAsync();
        await panel.WaitForItemAsync();
        await Assertions.Expect(panel.Editor).ToContainTextAsync("1 2 a r e s ? x");
        await Assertions.Expect(page.GetByTestId("review-diff-entry")).ToHaveTextAsync("Changed /text");
        await Assertions.Expect(page.GetByTestId("label-good")).ToHaveAttributeAsync("data-selected", "yes");
        await page.Context.CloseAsync();
    }
}
