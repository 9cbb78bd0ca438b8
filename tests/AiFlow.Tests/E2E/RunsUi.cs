using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the run list, the Start run dialog, the run page and the dashboards.</summary>
public sealed class RunsUi(IPage page)
{
    public IPage Page => page;

    public Task OpenAsync(string path) => ConsolePage.OpenAsync(page, path);

    public Task PickAsync(string selectTestId, string option) => ConsolePage.PickAsync(page, selectTestId, option);

    public async Task OpenStartRunDialogAsync()
    {
        await page.GetByTestId("start-run").ClickAsync();
        await page.GetByTestId("start-run-submit").WaitForAsync();
    }

    public async Task FillInputAsync(string json) => await Field("start-run-input").FillAsync(json);

    /// <summary>The text box of a MudBlazor field, whichever element carries its test id.</summary>
    public ILocator Field(string testId) =>
        page.Locator($"textarea[data-testid={testId}], input[data-testid={testId}], [data-testid={testId}] textarea, [data-testid={testId}] input").First;

    public Task SubmitStartAsync() => page.GetByTestId("start-run-submit").ClickAsync();

    public ILocator StartError => page.GetByTestId("start-run-error");

    /// <summary>
    /// Waits for the run page Start navigates to. If it never comes, fails saying what the dialog shows (a refusal),
    /// where the page stayed and whether the circuit is still there.
    /// </summary>
    public async Task WaitForStartedRunAsync(int timeoutMs = 30_000)
    {
        try
        {
            await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex("/runs/[0-9a-f-]{36}$"), timeoutMs);
        }
        catch (PlaywrightException ex)
        {
            var dialog = await page.Locator(".mud-dialog").AllInnerTextsAsync();
            var marker = await page.Locator("#interactive-marker").GetAttributeAsync("data-ready");
            // A circuit that died shows Blazor's own reconnection text; a live one shows none.
            var reconnect = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('[id^=components-reconnect]')].map(e => e.id + ': ' + e.innerText).join(' | ')");
            throw new TimeoutException($"No run page after Start: still at {page.Url}, circuit ready '{marker}', reconnection UI [{reconnect}], dialogs open: [{string.Join(" | ", dialog)}]", ex);
        }
        await SignInPage.WaitForInteractiveAsync(page);
    }

    public ILocator InputState => page.GetByTestId("start-run-input-state");

    public ILocator RunStatus => page.GetByTestId("run-status");

    public ILocator Bars => page.GetByTestId("timeline-bar");

    public ILocator Inspector => page.GetByTestId("step-inspector");

    public ILocator RunRows => page.GetByTestId("run-link");

    public Task WaitForRunStatusAsync(string status, int timeoutMs = 30_000) =>
        Assertions.Expect(page.Locator($"[data-testid=run-status][data-status={status}]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = timeoutMs });

    public Task SelectBarAsync(string node) => page.Locator($"[data-testid=timeline-bar][data-node='{node}']").First.ClickAsync();

    /// <summary>Marks the current document; a full reload would lose the mark.</summary>
    public Task MarkDocumentAsync() => page.EvaluateAsync("() => { window.__aiflowMark = 'still-here'; }");

    public Task<string?> DocumentMarkAsync() => page.EvaluateAsync<string?>("() => window.__aiflowMark ?? null");
}
