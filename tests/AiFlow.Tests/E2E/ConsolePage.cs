using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>
/// Steps every page object takes: open a page once its circuit is live, wait for an address, pick an option of a MudSelect.
/// </summary>
public static class ConsolePage
{
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await SignInPage.WaitForInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until the page's address matches. Not <c>WaitForURLAsync</c>: it compares the address it last heard of and
    /// only then subscribes to navigations, so a client-side navigation landing between the two is missed and the wait
    /// times out on a page already at that address (CI once: "still at /runs/…" after 60 s). Expect asks the page itself
    /// until it matches.
    /// </summary>
    public static Task WaitForUrlAsync(IPage page, Regex url, float timeoutMs = 30_000) =>
        Assertions.Expect(page).ToHaveURLAsync(url, new PageAssertionsToHaveURLOptions { Timeout = timeoutMs });

    /// <summary>Picks an option and returns once the circuit holds the choice.</summary>
    public static async Task PickAsync(IPage page, string selectTestId, string option)
    {
        // MudSelect puts its attributes on the text box showing the choice, or on the box around a custom presenter.
        const string Shown = "e => e instanceof HTMLInputElement ? e.value : e.innerText";
        var shown = await page.GetByTestId(selectTestId).ElementHandleAsync();
        var before = await shown.EvaluateAsync<string>(Shown);
        await page.GetByTestId(selectTestId).ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First;
        var unchanged = await item.EvaluateAsync<bool>("e => e.classList.contains('mud-selected-item') || e.getAttribute('aria-selected') === 'true'");
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        // MudSelect closes its list before it sets the value, with a browser round trip in between: a click that follows
        // the close can reach the circuit before the choice (a Start that says "Pick a pipeline."). The select shows
        // the new value only once it has set it.
        if (!unchanged) await page.WaitForFunctionAsync($"([e, before]) => ({Shown})(e) !== before", new object[] { shown, before });
    }
}
