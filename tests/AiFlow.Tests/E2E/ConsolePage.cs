using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Steps every page object takes: open a page once its circuit is live, pick an option of a MudSelect.</summary>
public static class ConsolePage
{
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await SignInPage.WaitForInteractiveAsync(page);
    }

    public static async Task PickAsync(IPage page, string selectTestId, string option)
    {
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First.ClickAsync();
        // The list closes once the circuit has taken the choice: a click on Save before that could save the old value.
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }
}
