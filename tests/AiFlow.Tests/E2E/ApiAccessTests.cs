using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AiFlow.Tests.Support;
using AiFlow.Web.Api;
using AiFlow.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class ApiAccessTests(ConsoleFixture console)
{
    private HttpClient Client(string? key = null)
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    [Fact]
    public async Task Api_answers_401_without_credentials_instead_of_redirecting()
    {
        using var client = Client();
        var response = await client.GetAsync(new Uri("/api/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_keys_last_use_is_recorded_on_its_first_request_and_not_rewritten_by_every_request_within_the_minute()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var created = await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest($"touch-{Guid.NewGuid():N}", "Reviewer"));
        var key = (await created.Content.ReadFromJsonAsync<CreatedApiKey>())!;
        using var client = Client(key.Key);
        await using var db = console.Database.CreateContext();
        async Task<(DateTimeOffset? LastUsed, long Version)> RowAsync() =>
            (await db.Database.SqlQuery<KeyRow>($"SELECT last_used_at AS \"LastUsedAt\", xmin::text::bigint AS \"Xmin\" FROM api_keys WHERE id = {key.Id}").SingleAsync()) is var r
                ? (r.LastUsedAt, r.Xmin) : default;
        Assert.Null((await RowAsync()).LastUsed);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        var first = await RowAsync();
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
        var later = await RowAsync();

        Assert.NotNull(first.LastUsed);
        // xmin is the transaction that wrote the row version: unchanged means the five requests wrote nothing.
        Assert.Equal(first, later);
    }

    private sealed record KeyRow(DateTimeOffset? LastUsedAt, long Xmin);

    [Fact]
    public async Task Api_answers_401_for_an_unknown_key()
    {
        using var client = Client("afk_not_a_key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Demo_api_key_identifies_itself_as_admin_through_api_me()
    {
        using var client = Client(ConsoleApp.DemoApiKey);
        var me = await client.GetFromJsonAsync<MeResponse>(new Uri("/api/me", UriKind.Relative));
        Assert.Equal("Admin", me!.Role);
        Assert.Equal("api-key", me.Via);
    }

    [Fact]
    public async Task An_admin_creates_a_reviewer_key_that_gets_403_on_admin_routes_and_401_once_revoked()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var created = await (await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest("client-a", "Reviewer")))
            .Content.ReadFromJsonAsync<CreatedApiKey>();

        using var reviewer = Client(created!.Key);
        var me = await reviewer.GetFromJsonAsync<MeResponse>(new Uri("/api/me", UriKind.Relative));
        Assert.Equal("Reviewer", me!.Role);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(new Uri("/api/api-keys", UriKind.Relative))).StatusCode);

        var keys = await admin.GetFromJsonAsync<List<ApiKeySummary>>(new Uri("/api/api-keys", UriKind.Relative));
        Assert.DoesNotContain(keys!, k => k.Prefix == created.Key);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(new Uri($"/api/api-keys/{created.Id}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reviewer.GetAsync(new Uri("/api/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_key_name_longer_than_the_columns_it_signs_is_refused_and_a_key_at_the_limit_can_upload()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var before = (await admin.GetFromJsonAsync<List<ApiKeySummary>>(new Uri("/api/api-keys", UriKind.Relative)))!.Count;

        // A key signs its work as "apikey:<name>": a 300-character name made its first upload fail with a 500.
        var refused = await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest(new string('k', ApiKeyService.MaxName + 1), "Ops"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("/name", (await refused.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonNode>())!["pointer"]!.GetValue<string>());
        Assert.Equal(before, (await admin.GetFromJsonAsync<List<ApiKeySummary>>(new Uri("/api/api-keys", UriKind.Relative)))!.Count);

        var name = Guid.NewGuid().ToString("N") + new string('k', ApiKeyService.MaxName - 32);
        var created = await (await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest(name, "Ops")))
            .Content.ReadFromJsonAsync<CreatedApiKey>();
        using var ops = Client(created!.Key);
        using var form = new MultipartFormDataContent();
        var colour = Guid.NewGuid().ToByteArray();
        var png = MediaFiles.Image(7, 5, SkiaSharp.SKEncodedImageFormat.Png, new SkiaSharp.SKColor(colour[0], colour[1], colour[2]));
        form.Add(new ByteArrayContent(png) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }, "files", "k.png");
        Assert.Equal(HttpStatusCode.Created, (await ops.PostAsync(new Uri("/api/media", UriKind.Relative), form)).StatusCode);
    }

    [Theory]
    [InlineData("/api/api-keys", """{"name":"located-{0}","role":"Ops"}""", "name", "located-{0}")]
    [InlineData("/api/users", """{"email":"located-{0}@example.com","role":"Ops"}""", "email", "located-{0}@example.com")]
    [InlineData("/api/endpoints", """{"name":"located-{0}","kind":"Chat","baseUrl":"http://127.0.0.1:{sim}/v1","model":"m","enabled":false}""", "name", "located-{0}")]
    [InlineData("/api/ir-schemas", """{"name":"located-{0}","schema":{"type":"object"}}""", "schemaName", "located-{0}")]
    public async Task A_create_answers_a_location_that_reads_back_what_it_made(string route, string body, string member, string expected)
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var tag = Guid.NewGuid().ToString("N")[..8];

        var created = await admin.PostAsync(new Uri(route, UriKind.Relative),
            new StringContent(body.Replace("{0}", tag, StringComparison.Ordinal).Replace("{sim}", ConsoleApp.SimulatorPort.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        // It answered 405 or 404 for these four before they had a GET of their own.
        var read = await admin.GetAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var node = System.Text.Json.Nodes.JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var one = node is System.Text.Json.Nodes.JsonArray versions ? versions.Single()! : node;
        Assert.Equal(expected.Replace("{0}", tag, StringComparison.Ordinal), one[member]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(new Uri($"{route}/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
    }
}
