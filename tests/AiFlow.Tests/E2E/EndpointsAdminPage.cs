using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Page object for the endpoints admin page.</summary>
public sealed class EndpointsAdminPage(IPage page)
{
    public async Task AddEndpointAsync(string name, string baseUrl, string model, bool fetchesMediaUrls = false)
    {
        await page.GetByTestId("endpoint-add").ClickAsync();
        await Field("endpoint-form-name").FillAsync(name);
        await Field("endpoint-form-model").FillAsync(model);
        await Field("endpoint-form-url").FillAsync(baseUrl);
        await Field("endpoint-form-url").BlurAsync();
        // MudSwitch keeps its checkbox input visually hidden under the track.
        if (fetchesMediaUrls) await Field("endpoint-form-fetches-media").CheckAsync(new LocatorCheckOptions { Force = true });
        await page.GetByTestId("endpoint-form-save").ClickAsync();
    }

    public ILocator Row(string name) => page.Locator("tr").Filter(new LocatorFilterOptions { Has = page.GetByTestId("endpoint-name").Filter(new LocatorFilterOptions { HasText = name }) });

    public Task TestConnectionAsync(string name) => Row(name).GetByTestId("endpoint-test").ClickAsync();

    // MudTextField puts extra attributes on its input or on its wrapper, depending on the component: accept both.
    private ILocator Field(string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    public ILocator FormErrors => page.GetByTestId("endpoint-form-error");
}
