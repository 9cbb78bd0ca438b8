using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>A refused step version, prompt version or IR schema names the body field at fault in the problem's <c>pointer</c>.</summary>
[Collection(ConsoleCollection.Name)]
public class AuthoringRefusalPointerTests(ConsoleFixture console)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static async Task<string> PointerOfRefusalAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["pointer"]!.GetValue<string>();
    }

    [Fact]
    public async Task Step_refusals_point_at_the_setting_at_fault()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "ptr-step-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal("/key", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/steps"), Json("""{"key":"Bad Key!","name":"n","kind":"structuredllm"}"""))));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"{{key}}","name":"n","kind":"structuredllm"}"""))).StatusCode);

        Assert.Equal("/irSchemaVersionId", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("""{"validationMode":"enforce"}"""))));
        Assert.Equal("/irSchemaVersionId", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"),
            Json($$"""{"irSchemaVersionId":"{{Guid.NewGuid()}}"}"""))));
        Assert.Equal("/params/temperature", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("""{"params":{"temperature":"hot"}}"""))));
        Assert.Equal("/reviewSamplingRate", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("""{"reviewSamplingRate":3}"""))));

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("{}"))).StatusCode);
        Assert.Equal("/promptTemplateVersionId", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/steps/{key}/versions/1/publish"), null)));
    }

    [Fact]
    public async Task Prompt_refusals_point_at_the_template_or_variant_at_fault()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "ptr-prompt-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal("/key", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/prompts"), Json("""{"key":"Bad Key!","name":"n"}"""))));
        Assert.Equal("/template", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/prompts"), Json($$"""{"key":"{{key}}","name":"n","template":" "}"""))));
        var created = await admin.PostAsync(At("/api/prompts"), Json($$$"""{"key":"{{{key}}}","name":"n","template":"{{ input.text }}"}"""));
        var id = (await created.Content.ReadFromJsonAsync<JsonNode>())!["id"]!.GetValue<Guid>();

        Assert.Equal("/template", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/prompts/{id}/versions"), Json("""{"template":"Hi {{ customer.name }}"}"""))));
        Assert.Equal("/systemPrompt", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/prompts/{id}/versions"),
            Json("""{"systemPrompt":"{{ nobody }}","template":"{{ input.text }}"}"""))));
        Assert.Equal("/variants/1/weight", await PointerOfRefusalAsync(await admin.PostAsync(At($"/api/prompts/{id}/versions"),
            Json("""{"template":"{{ input.x }}","variants":[{"name":"A","template":"a","weight":1},{"name":"B","template":"b","weight":0}]}"""))));
    }

    [Fact]
    public async Task Ir_schema_refusals_point_at_the_name_or_the_schema()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var name = "ptr-schema-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal("/name", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/ir-schemas"), Json("""{"name":" ","schema":{"type":"object"}}"""))));
        Assert.Equal("/schema", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/ir-schemas"),
            Json(new JsonObject { ["name"] = name, ["schema"] = JsonNode.Parse("""{"type":"object","properties":{"n":{"type":"integer","minimum":"zero"}}}""") }.ToJsonString()))));
        var created = await admin.PostAsync(At("/api/ir-schemas"), Json($$$"""{"name":"{{{name}}}","schema":{"type":"object"}}"""));
        var schemaId = (await created.Content.ReadFromJsonAsync<JsonNode>())!["schemaId"]!.GetValue<Guid>();

        Assert.Equal("/name", await PointerOfRefusalAsync(await admin.PostAsync(At("/api/ir-schemas"), Json($$$"""{"name":"{{{name}}}","schema":{"type":"object"}}"""))));
        Assert.Equal("/schema", await PointerOfRefusalAsync(await admin.PutAsync(At($"/api/ir-schemas/{schemaId}"), Json("""{"schema":[1]}"""))));
    }
}
