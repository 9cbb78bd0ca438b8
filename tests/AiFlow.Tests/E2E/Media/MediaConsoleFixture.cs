using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E.Media;

/// <summary>A console of its own whose media live in a folder the tests inspect, with a 2 MB upload limit, and a Chromium.</summary>
public sealed class MediaConsoleFixture : IAsyncLifetime
{
    public const long Limit = 2 * 1024 * 1024;
    private IPlaywright? playwright;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "aiflow-media-e2e-" + Guid.NewGuid().ToString("N"));
    public TestDatabase Database { get; private set; } = null!;
    public ConsoleApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(migrate: false);
        App = new ConsoleApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["Media:Storage:RootPath"] = Root,
            ["Media:MaxUploadBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        App.Start();
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("AIFLOW_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>Every file in the media folder except the (emptied) staging folder: what an upload left in storage.</summary>
    public string[] StoredFiles() =>
        Directory.Exists(Root) ? [.. Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/.staging/", StringComparison.Ordinal))] : [];

    public string[] StagedFiles() =>
        Directory.Exists(Path.Combine(Root, ".staging")) ? Directory.GetFiles(Path.Combine(Root, ".staging"), "*", SearchOption.AllDirectories) : [];

    public HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public async Task<HttpClient> ApiClientWithRoleAsync(string role)
    {
        using var admin = ApiClient(ConsoleApp.DemoApiKey);
        var created = await System.Net.Http.Json.HttpClientJsonExtensions.PostAsJsonAsync(admin, new Uri("/api/api-keys", UriKind.Relative),
            new AiFlow.Web.Features.Access.CreateApiKeyRequest($"{role}-{Guid.NewGuid():N}", role));
        return ApiClient((await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<AiFlow.Web.Features.Access.CreatedApiKey>(created.Content))!.Key);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class MediaConsoleCollection : ICollectionFixture<MediaConsoleFixture>
{
    public const string Name = "media console";
}
