using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Access;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class AuthoringApiTests(ConsoleFixture console)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    [Fact]
    public async Task Prompt_templates_are_created_versioned_and_previewed_and_bad_versions_are_refused_with_reasons()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "api-" + Guid.NewGuid().ToString("N")[..8];

        var created = await admin.PostAsync(At("/api/prompts"), Json($$$"""
            {"key":"{{{key}}}","name":"Ticket summary","systemPrompt":"You summarise.","template":"Summarise: {{ input.text }}",
             "variants":[{"name":"A","template":"A: {{ input.text }}","weight":3},{"name":"B","template":"B: {{ input.text | upcase }}","weight":1}]}
            """));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await BodyAsync(created))["id"]!.GetValue<Guid>();

        var unknown = await admin.PostAsync(At($"/api/prompts/{id}/versions"), Json("""{"template":"Hi {{ customer.name }}","basedOn":1}"""));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Unknown variable 'customer'", (await BodyAsync(unknown))["errors"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var badWeight = await admin.PostAsync(At($"/api/prompts/{id}/versions"), Json("""{"template":"{{ input.x }}","variants":[{"name":"A","template":"a","weight":0}]}"""));
        Assert.Equal(HttpStatusCode.BadRequest, badWeight.StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At($"/api/prompts/{id}/versions"), Json("""{"template":"v2 {{ input.text }}","basedOn":1}"""))).StatusCode);
        var stale = await admin.PostAsync(At($"/api/prompts/{id}/versions"), Json("""{"template":"mine {{ input.text }}","basedOn":1}"""));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("v2 was saved", (await BodyAsync(stale))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var template = await admin.GetFromJsonAsync<JsonNode>(At($"/api/prompts/{id}"));
        Assert.Equal([2, 1], template!["versions"]!.AsArray().Select(v => v!["number"]!.GetValue<int>()));
        var v1 = template["versions"]![1]!["id"]!.GetValue<Guid>();

        var variant = await admin.PostAsync(At("/api/prompts/preview"), Json($$$"""{"versionId":"{{{v1}}}","variant":"B","input":{"text":"pump"}}"""));
        var variantBody = await BodyAsync(variant);
        Assert.Equal(("B: PUMP", "You summarise."), (variantBody["rendered"]!.GetValue<string>(), variantBody["renderedSystem"]!.GetValue<string>()));
        var text = await BodyAsync(await admin.PostAsync(At("/api/prompts/preview"), Json("""{"template":"{{ params.tone }}: {{ input.text }}","input":{"text":"x"},"params":{"tone":"calm"}}""")));
        Assert.Equal("calm: x", text["rendered"]!.GetValue<string>());
        var broken = await admin.PostAsync(At("/api/prompts/preview"), Json("""{"template":"{{ input.text ","input":{}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        var list = await admin.GetFromJsonAsync<JsonArray>(At("/api/prompts"));
        Assert.Contains(list!, t => t!["key"]!.GetValue<string>() == key && t["latestNumber"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task Creating_a_prompt_template_answers_the_same_shape_as_reading_it_with_versions_as_a_list()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "api-shape-" + Guid.NewGuid().ToString("N")[..6];

        var created = await BodyAsync(await admin.PostAsync(At("/api/prompts"), Json($$$"""{"key":"{{{key}}}","name":"Shape","template":"{{ input.text }}"}""")));
        var read = await admin.GetFromJsonAsync<JsonNode>(At($"/api/prompts/{created["id"]}"));

        Assert.Equal([1], created["versions"]!.AsArray().Select(v => v!["number"]!.GetValue<int>()));
        Assert.True(JsonNode.DeepEquals(read, created), $"POST answered {created.ToJsonString()}, GET {read!.ToJsonString()}");
    }

    [Fact]
    public async Task A_step_version_is_drafted_saved_and_published_and_then_refuses_changes()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "api-step-" + Guid.NewGuid().ToString("N")[..6];
        var prompt = await BodyAsync(await admin.PostAsync(At("/api/prompts"), Json($$$"""{"key":"{{{key}}}-p","name":"p","template":"{{ input.text }}"}""")));
        var promptVersion = (await admin.GetFromJsonAsync<JsonNode>(At($"/api/prompts/{prompt["id"]}")))!["versions"]![0]!["id"]!.GetValue<Guid>();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"{{key}}","name":"n","kind":"Teleport"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"{{key}}","name":"Summarise","kind":"structuredllm"}"""))).StatusCode);

        var refused = await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("""{"validationMode":"enforce","params":{"temperature":"hot"}}"""));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await BodyAsync(refused))["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains("Validation mode enforce needs an IR schema version to enforce.", errors);
        Assert.Contains("Parameter 'temperature' must be a number from 0 to 2.", errors);

        var draft = await BodyAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"), Json($$$"""{"promptTemplateVersionId":"{{{promptVersion}}}","params":{"temperature":0.3}}""")));
        Assert.Equal(("Draft", 1), (draft["status"]!.GetValue<string>(), draft["number"]!.GetValue<int>()));
        var row = draft["rowVersion"]!.GetValue<uint>();

        // PUT replaces the draft's settings: what is left out goes back to its default.
        var saved = await admin.PutAsync(At($"/api/steps/{key}/versions/1"), Json($$$"""{"rowVersion":{{{row}}},"promptTemplateVersionId":"{{{promptVersion}}}","params":{"temperature":0.3},"reviewSamplingRate":0.2,"guidelines":"Be *brief*."}"""));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var stale = await admin.PutAsync(At($"/api/steps/{key}/versions/1"), Json($$"""{"rowVersion":{{row}},"reviewSamplingRate":0.9}"""));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var published = await admin.PostAsync(At($"/api/steps/{key}/versions/1/publish"), null);
        Assert.Equal("Published", (await BodyAsync(published))["status"]!.GetValue<string>());
        var edit = await admin.PutAsync(At($"/api/steps/{key}/versions/1"), Json("""{"rowVersion":1,"reviewSamplingRate":0.5}"""));
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Contains("is published and can no longer change", (await BodyAsync(edit))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var step = await admin.GetFromJsonAsync<JsonNode>(At($"/api/steps/{key}"));
        var version = step!["versions"]![0]!;
        Assert.Equal(("Published", 0.2, "Be *brief*."), (version["status"]!.GetValue<string>(), version["reviewSamplingRate"]!.GetValue<double>(), version["guidelines"]!.GetValue<string>()));
        Assert.Equal(0.3, version["params"]!["temperature"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_step_version_answers_its_validation_mode_and_importance_by_member_name_whatever_case_it_was_sent_in()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        var key = "api-enum-" + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At("/api/steps"), Json($$"""{"key":"{{key}}","name":"Enums","kind":"StructuredLlm"}"""))).StatusCode);

        var created = await BodyAsync(await admin.PostAsync(At($"/api/steps/{key}/versions"), Json("""{"validationMode":"log","importance":"HIGH"}""")));
        var read = (await admin.GetFromJsonAsync<JsonNode>(At($"/api/steps/{key}")))!["versions"]![0]!;
        var listed = (await admin.GetFromJsonAsync<JsonArray>(At("/api/steps")))!.Single(s => s!["key"]!.GetValue<string>() == key)!["versions"]![0]!;

        // As every other answer writes an enum (a status "Draft", a kind "StructuredLlm"): by its C# member name.
        Assert.Equal(("Log", "High"), (created["validationMode"]!.GetValue<string>(), created["importance"]!.GetValue<string>()));
        Assert.Equal(("Log", "High"), (read["validationMode"]!.GetValue<string>(), read["importance"]!.GetValue<string>()));
        Assert.Equal("Log", listed["validationMode"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ops_read_prompts_and_steps_but_may_not_change_them_and_reviewers_may_not_read_them()
    {
        using var admin = console.ApiClient(ConsoleApp.DemoApiKey);
        async Task<string> KeyFor(string role) =>
            (await (await admin.PostAsJsonAsync(At("/api/api-keys"), new CreateApiKeyRequest("authoring-" + role, role))).Content.ReadFromJsonAsync<CreatedApiKey>())!.Key;
        using var ops = console.ApiClient(await KeyFor("Ops"));
        using var reviewer = console.ApiClient(await KeyFor("Reviewer"));

        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(At("/api/prompts"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(At("/api/steps"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ops.PostAsync(At("/api/prompts/preview"), Json("""{"template":"{{ input.a }}","input":{"a":1}}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/prompts"), Json("""{"key":"ops-made","name":"x"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/steps"), Json("""{"key":"ops-made","name":"x","kind":"Transform"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/steps/classify/versions/1/publish"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(At("/api/steps"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(At("/api/prompts"))).StatusCode);
    }
}
