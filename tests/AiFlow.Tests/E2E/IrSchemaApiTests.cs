using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Access;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class IrSchemaApiTests(ConsoleFixture console)
{
    private HttpClient Client(string key)
    {
        var client = new HttpClient { BaseAddress = console.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    private static StringContent Named(string name, string schema) =>
        Json(new JsonObject { ["name"] = name, ["schema"] = JsonNode.Parse(schema) }.ToJsonString());

    [Fact]
    public async Task An_admin_creates_versions_and_activates_one_at_a_time()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var name = "invoice-" + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostAsync(new Uri("/api/ir-schemas", UriKind.Relative),
            Named(name, """{"type":"object","required":["total"],"properties":{"total":{"type":"number","minimum":0}}}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var schemaId = (await created.Content.ReadFromJsonAsync<JsonNode>())!["schemaId"]!.GetValue<Guid>();

        var v2 = await admin.PutAsync(new Uri($"/api/ir-schemas/{schemaId}", UriKind.Relative), Json("""{"schema":{"type":"object"}}"""));
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        var v2Id = (await v2.Content.ReadFromJsonAsync<JsonNode>())!["versionId"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync(new Uri($"/api/ir-schemas/{v2Id}/activate", UriKind.Relative), null)).StatusCode);

        var all = await admin.GetFromJsonAsync<JsonArray>(new Uri("/api/ir-schemas", UriKind.Relative));
        var mine = all!.Where(v => v!["schemaName"]!.GetValue<string>() == name).ToList();
        Assert.Equal(2, mine.Count);
        Assert.Equal([2], mine.Where(v => v!["isActive"]!.GetValue<bool>()).Select(v => v!["number"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_invalid_schema_is_refused_with_readable_errors_and_nothing_saved()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var name = "broken-" + Guid.NewGuid().ToString("N")[..6];
        var response = await admin.PostAsync(new Uri("/api/ir-schemas", UriKind.Relative),
            Named(name, """{"type":"object","properties":{"n":{"type":"integer","minimum":"zero"}}}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/properties/n/minimum", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var all = await admin.GetFromJsonAsync<JsonArray>(new Uri("/api/ir-schemas", UriKind.Relative));
        Assert.DoesNotContain(all!, v => v!["schemaName"]!.GetValue<string>() == name);
    }

    [Fact]
    public async Task Validate_answers_any_role_with_pointer_located_errors()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var reviewerKey = await (await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest("validator-client", "Reviewer")))
            .Content.ReadFromJsonAsync<CreatedApiKey>();
        using var reviewer = Client(reviewerKey!.Key);

        var response = await reviewer.PostAsync(new Uri("/api/ir-schemas/validate", UriKind.Relative), Json("""
            {"schema":{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"price":{"type":"number","minimum":0}}}},"email":{"format":"email"}}},
             "instance":{"items":[{"price":1},{"price":2},{"price":-3}],"email":"not-an-email"},
             "options":{"assertFormats":true}}
            """));

        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        Assert.False(body!["valid"]!.GetValue<bool>());
        var pointers = body["errors"]!.AsArray().Select(e => e!["instanceLocation"]!.GetValue<string>()).ToList();
        Assert.Contains("/items/2/price", pointers);
        Assert.Contains("/email", pointers);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PostAsync(new Uri("/api/ir-schemas", UriKind.Relative), Json("""{"name":"x","schema":{}}"""))).StatusCode);
    }

    [Fact]
    public async Task Validate_reports_bad_json_with_its_position_and_oversized_bodies_with_413()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var bad = await admin.PostAsync(new Uri("/api/ir-schemas/validate", UriKind.Relative), Json("""{"schema": {"type": "object"}, "instance": {"a": }}"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("position", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var huge = await admin.PostAsync(new Uri("/api/ir-schemas/validate", UriKind.Relative), Json("{\"schema\":{},\"instance\":\"" + new string('x', 2 * 1024 * 1024) + "\"}"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task A_put_expecting_an_older_latest_version_answers_409_and_saves_nothing()
    {
        using var admin = Client(ConsoleApp.DemoApiKey);
        var created = await admin.PostAsync(new Uri("/api/ir-schemas", UriKind.Relative), Named("stale-" + Guid.NewGuid().ToString("N")[..6], """{"type":"object"}"""));
        var schemaId = (await created.Content.ReadFromJsonAsync<JsonNode>())!["schemaId"]!.GetValue<Guid>();
        var put = new Uri($"/api/ir-schemas/{schemaId}", UriKind.Relative);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsync(put, Json("""{"schema":{"type":"object"},"expectedLatest":1}"""))).StatusCode);
        var stale = await admin.PutAsync(put, Json("""{"schema":{"type":"array"},"expectedLatest":1}"""));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("saved v2", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var all = await admin.GetFromJsonAsync<JsonArray>(new Uri("/api/ir-schemas", UriKind.Relative));
        Assert.Equal(2, all!.Count(v => v!["schemaId"]!.GetValue<Guid>() == schemaId));
    }
}
