using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the keyboard-first review panel.</summary>
public sealed class ReviewPanel(IPage page)
{
    public ILocator Root => page.GetByTestId("review-panel");
    /// <summary>The correction editor (Monaco); keys reach it through its hidden textarea.</summary>
    public ILocator Editor => page.GetByTestId("review-editor");

    public ILocator EditorInput => Editor.Locator("textarea");
    public ILocator EditorErrors => page.GetByTestId("review-editor-errors");
    public ILocator PersonalProgress => page.GetByTestId("progress-personal");

    /// <summary>Waits until the panel shows an item and its key handler is attached.</summary>
    public async Task<string> WaitForItemAsync(string? notItem = null)
    {
        var selector = notItem is null
            ? "[data-testid=review-panel][data-ready=yes]"
            : $"[data-testid=review-panel][data-ready=yes]:not([data-item='{notItem}'])";
        await page.Locator(selector).WaitForAsync();
        return (await Root.GetAttributeAsync("data-item"))!;
    }

    public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

    /// <summary>E focuses the editor; the whole text is replaced by typing.</summary>
    public async Task CorrectAsync(string json)
    {
        await page.Locator("[data-testid=review-editor][data-ready=yes]").WaitForAsync();
        await PressAsync("e");
        await Assertions.Expect(EditorInput).ToBeFocusedAsync();
        await PressAsync("Control+a");
        await page.Keyboard.TypeAsync(json);
    }
}
