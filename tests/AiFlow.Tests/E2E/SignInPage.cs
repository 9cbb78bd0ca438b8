using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the sign-in form.</summary>
public sealed class SignInPage(IPage page)
{
    public async Task SignInAsync(string email, string password, string returnUrl = "/")
    {
        await page.GotoAsync($"/signin?returnUrl={Uri.EscapeDataString(returnUrl)}");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("form[data-testid=signin-form] button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    public ILocator Error => page.GetByTestId("signin-error");

    /// <summary>Waits until the Blazor circuit is live, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#interactive-marker[data-ready=yes]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
}
