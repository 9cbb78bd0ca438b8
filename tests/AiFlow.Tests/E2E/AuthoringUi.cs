using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for /prompts and /steps: templates, versions, preview, diff, and step versions.</summary>
public sealed class AuthoringUi(IPage page)
{
    public IPage Page => page;

    public async Task OpenAsync(string path)
    {
        await page.GotoAsync(path);
        await SignInPage.WaitForInteractiveAsync(page);
    }

    public ILocator Area(string testId) => page.Locator($"textarea[data-testid={testId}]");

    public async Task PickAsync(string selectTestId, string option)
    {
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasText = option }).First.ClickAsync();
    }

    public async Task CreateTemplateAsync(string key, string name)
    {
        await OpenAsync("/prompts");
        await page.GetByTestId("new-template").ClickAsync();
        await page.FillAsync("#new-template-key", key);
        await page.FillAsync("#new-template-name", name);
        await page.GetByTestId("create-template").ClickAsync();
        await page.WaitForURLAsync($"**/prompts/{key}", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByTestId("editor-title")).ToHaveTextAsync("First version");
    }

    public ILocator VersionRow(int number) => page.Locator($"[data-testid=prompt-version-row][data-number='{number}']");

    /// <summary>Types the template and saves it as the next version; waits for the version's row.</summary>
    public async Task SaveTemplateVersionAsync(string template, int expectedNumber)
    {
        await Area("editor-template").FillAsync(template);
        await page.GetByTestId("save-version").ClickAsync();
        await Assertions.Expect(VersionRow(expectedNumber)).ToBeVisibleAsync();
    }

    public ILocator PreviewOutput => page.GetByTestId("preview-output");

    public async Task CreateStepAsync(string key, string name)
    {
        await OpenAsync("/steps");
        await page.GetByTestId("new-step").ClickAsync();
        await page.FillAsync("#new-step-key", key);
        await page.FillAsync("#new-step-name", name);
        await page.GetByTestId("create-step").ClickAsync();
        await page.WaitForURLAsync($"**/steps/{key}", new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByTestId("step-title")).ToHaveTextAsync(name);
    }

    public ILocator VersionStatus => page.GetByTestId("version-status");
}
