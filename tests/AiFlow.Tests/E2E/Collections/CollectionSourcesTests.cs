using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>A console with one allow-listed folder and a small upload limit, for the sources the server reads itself.</summary>
public sealed class SourcesConsoleFixture : IAsyncLifetime
{
    public const long MaxUploadBytes = 64 * 1024;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "aiflow-sources-" + Guid.NewGuid().ToString("N")[..8]);
    public TestDatabase Database { get; private set; } = null!;
    public ConsoleApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        Database = await TestDatabase.CreateAsync(migrate: false);
        App = new ConsoleApp(Database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow:Retrieval:AllowedRoots:0"] = Root,
            ["AiFlow:Retrieval:MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        App.Start();
    }

    public CollectionsApi Api()
    {
        var client = new HttpClient { BaseAddress = App.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ConsoleApp.DemoApiKey);
        return new CollectionsApi(Database, App.BaseAddress, client);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}

public class CollectionSourcesTests(SourcesConsoleFixture fixture) : IClassFixture<SourcesConsoleFixture>
{
    private static readonly string[] InternalUrls = ["http://169.254.169.254/latest/meta-data", "file:///etc/passwd"];

    [Fact]
    public async Task A_folder_under_an_allow_listed_root_is_ingested_and_a_folder_outside_it_is_refused_naming_the_path()
    {
        var api = fixture.Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());
        var folder = Path.Combine(fixture.Root, "manuals-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "toaster.md"), CollectionsApi.Manual("Toaster", 41, sections: 2));
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "mixer.txt"), CollectionsApi.Manual("Mixer", 42, sections: 2));
        await File.WriteAllBytesAsync(Path.Combine(folder, "photo.jpg"), [0xFF, 0xD8, 0xFF]);

        using var refused = await api.Client.PostAsJsonAsync(new Uri($"/api/collections/{key}/sources", UriKind.Relative), new { paths = new[] { folder, "/etc" } });
        using var escaping = await api.Client.PostAsJsonAsync(new Uri($"/api/collections/{key}/sources", UriKind.Relative), new { paths = new[] { folder + "/../../../etc" } });
        using var accepted = await api.Client.PostAsJsonAsync(new Uri($"/api/collections/{key}/sources", UriKind.Relative), new { paths = new[] { folder }, licence = "internal" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("/paths/1", (await refused.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, escaping.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var upload = (await accepted.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(2, upload["stored"]!.AsArray().Count);
        var job = await api.WaitForJobAsync(key, upload["jobId"]!.GetValue<Guid>());
        Assert.Equal(2, job["job"]!["filesDone"]!.GetValue<int>());
        Assert.Equal(0, job["job"]!["errors"]!.GetValue<int>());
        var documents = await api.DocumentsAsync(key);
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal("internal", d!["licence"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_url_on_an_internal_address_is_refused_by_the_ssrf_guard_and_nothing_is_stored()
    {
        var api = fixture.Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());

        using var response = await api.Client.PostAsJsonAsync(new Uri($"/api/collections/{key}/sources", UriKind.Relative),
            new { urls = InternalUrls });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        var errors = problem["errors"]!.AsArray().Select(e => e!["pointer"]!.GetValue<string>()).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal("/urls/0", errors[0]);
        Assert.Equal("/urls/1", errors[1]);
        Assert.Contains("link-local", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, (await api.CollectionAsync(key))["counts"]!["documents"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_a_413_problem_and_stores_nothing()
    {
        var api = fixture.Api();
        var key = await api.CreateAsync(await api.AddSimulatorEmbeddingRouteAsync());

        using var response = await api.UploadAsync(key, [("big.txt", Encoding.UTF8.GetBytes(new string('x', (int)SourcesConsoleFixture.MaxUploadBytes + 1)))]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await api.CollectionAsync(key))["counts"]!["documents"]!.GetValue<int>());
    }
}
