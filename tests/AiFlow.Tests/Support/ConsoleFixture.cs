using System.Net.Http.Json;
using AiFlow.Web.Features.Access;
using Microsoft.Playwright;

namespace AiFlow.Tests.Support;

/// <summary>One console, one database and one Chromium shared by the browser and API tests.</summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public TestDatabase Database { get; private set; } = null!;
    public ConsoleApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(migrate: false);
        App = new ConsoleApp(Database.ConnectionString);
        App.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("AIFLOW_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A page in a fresh browser context on this fixture's console, or on <paramref name="app"/>.</summary>
    public async Task<IPage> NewPageAsync(ConsoleApp? app = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = (app ?? App).BaseAddress.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A page signed in as <paramref name="email"/> (a demo account) in a fresh browser context.</summary>
    public async Task<IPage> SignedInPageAsync(string email, int width = 1400, int height = 900, string returnUrl = "/", ConsoleApp? app = null)
    {
        var page = await NewPageAsync(app);
        await page.SetViewportSizeAsync(width, height);
        await new E2E.SignInPage(page).SignInAsync(email, ConsoleApp.DemoPassword, returnUrl);
        return page;
    }

    /// <summary>An HTTP client for the console's API, authenticated with an API key.</summary>
    public HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>An HTTP client with a new API key of <paramref name="role"/>, created with the demo Admin key.</summary>
    public async Task<HttpClient> ApiClientWithRoleAsync(string role)
    {
        using var admin = ApiClient(ConsoleApp.DemoApiKey);
        var created = await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest($"{role}-{Guid.NewGuid():N}", role));
        return ApiClient((await created.Content.ReadFromJsonAsync<CreatedApiKey>())!.Key);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
