using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for /prompts and /steps: templates, versions, preview, diff, and step versions.</summary>
public sealed class AuthoringUi(IPage page)
{
    public IPage Page => page;

    public Task OpenAsync(string path) => ConsolePage.OpenAsync(page, path);

    public ILocator Area(string testId) => page.Locator($"textarea[data-testid={testId}]");

    public Task PickAsync(string selectTestId, string option) => ConsolePage.PickAsync(page, selectTestId, option);

    public async Task CreateTemplateAsync(string key, string name)
    {
        await CreateAsync("prompts", "template", key, name);
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
        await CreateAsync("steps", "step", key, name);
        await Assertions.Expect(page.GetByTestId("step-title")).ToHaveTextAsync(name);
    }

    /// <summary>Both lists create the same way: New, key and name, Create, then the new item's page.</summary>
    private async Task CreateAsync(string section, string noun, string key, string name)
    {
        await OpenAsync($"/{section}");
        await page.GetByTestId($"new-{noun}").ClickAsync();
        await page.FillAsync($"#new-{noun}-key", key);
        await page.FillAsync($"#new-{noun}-name", name);
        await page.GetByTestId($"create-{noun}").ClickAsync();
        await ConsolePage.WaitForUrlAsync(page, new System.Text.RegularExpressions.Regex($"/{section}/{System.Text.RegularExpressions.Regex.Escape(key)}$"));
    }

    public ILocator VersionStatus => page.GetByTestId("version-status");
}
