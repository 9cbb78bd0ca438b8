using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for /metric-catalog: the definitions and profiles tabs and their editors.</summary>
public sealed class MetricCatalogPage(IPage page)
{
    public IPage Page => page;

    public Task OpenAsync() => ConsolePage.OpenAsync(page, "/metric-catalog");

    public ILocator MetricRow(string key) => page.GetByTestId("metrics-table").Locator("tr").Filter(new LocatorFilterOptions { Has = page.Locator($"[data-testid=metric-key]:text-is('{key}')") });

    public ILocator ProfileTarget(string metricKey) => page.Locator($"[data-testid=profile-target][data-metric='{metricKey}']");

    public ILocator Parameters => page.Locator("textarea[data-testid=metric-form-parameters]");

    public ILocator ParameterProblems => page.GetByTestId("metric-form-parameter-problems");

    /// <summary>Opens the new-metric form and fills key, name and function; parameters are typed separately.</summary>
    public async Task StartMetricAsync(string key, string name, string function)
    {
        await page.GetByTestId("new-metric").ClickAsync();
        await page.FillAsync("#metric-form-key", key);
        await page.FillAsync("#metric-form-name", name);
        await ConsolePage.PickAsync(page, "metric-form-function", function);
    }

    public Task PickAsync(string selectTestId, string option) => ConsolePage.PickAsync(page, selectTestId, option);

    public Task ShowProfilesAsync() => page.Locator(".mud-tab").Filter(new LocatorFilterOptions { HasText = "Profiles" }).ClickAsync();

    /// <summary>Creates a profile with one target, and waits for its row.</summary>
    public async Task CreateProfileAsync(string key, string name, string metricKey, string target)
    {
        await page.GetByTestId("new-profile").ClickAsync();
        await page.FillAsync("#profile-form-key", key);
        await page.FillAsync("#profile-form-name", name);
        await page.GetByTestId("profile-form-add-target").ClickAsync();
        await ConsolePage.PickAsync(page, "profile-form-metric-0", metricKey);
        await page.FillAsync("#profile-form-target-0", target);
        await page.GetByTestId("profile-form-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("profile-form")).ToHaveCountAsync(0);
    }
}
