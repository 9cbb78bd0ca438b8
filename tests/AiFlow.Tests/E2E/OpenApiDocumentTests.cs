using System.Net;
using System.Text.Json.Nodes;
using AiFlow.Tests.E2E.BadInput;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Tests.Support;
using AiFlow.Web.Api.OpenApi;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 16, item 6: an API a client can discover — the OpenAPI 3.1 document, enum names, the reference page.</summary>
[Collection(ConsoleCollection.Name)]
public class OpenApiDocumentTests(ConsoleFixture console)
{
    private static Uri At(string path) => new(path, UriKind.Relative);

    private async Task<JsonNode> DocumentAsync()
    {
        using var client = await console.ApiClientWithRoleAsync("Reviewer");
        var response = await client.GetAsync(At("/openapi/v1.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>"/api/runs/{id:guid}/" → "/api/runs/{id}": the document drops constraints; trailing slashes are not told apart.</summary>
    private static string PathOf(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern, @"\{(\w+)(:[^}]+)?\}", "{$1}").TrimEnd('/');

    [Fact]
    public async Task The_document_is_openapi_3_1_with_the_bearer_scheme_and_describes_every_api_route_with_its_body_query_and_answers()
    {
        var document = await DocumentAsync();
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>());
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["apiKey"]!["scheme"]!.GetValue<string>());
        var paths = document["paths"]!.AsObject().ToDictionary(p => p.Key.TrimEnd('/'), p => p.Value!);

        var missing = new List<string>();
        foreach (var (route, input) in BadInputRoutes.All)
        {
            var method = route[..route.IndexOf(' ')].ToLowerInvariant();
            var path = PathOf(route[(route.IndexOf(' ') + 1)..]);
            if (!paths.TryGetValue(path, out var item) || item[method] is not { } operation)
            {
                missing.Add($"{route}: not in the document");
                continue;
            }
            if (string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>())) missing.Add($"{route}: no summary");
            if (input.Body is not null && operation["requestBody"]?["content"]?["application/json"]?["schema"] is null)
            {
                missing.Add($"{route}: no JSON request body schema");
            }
            var parameters = operation["parameters"]?.AsArray().Select(p => p!["name"]!.GetValue<string>()).ToHashSet() ?? [];
            foreach (var query in input.Query.Where(q => !parameters.Contains(q.Name))) missing.Add($"{route}: query '{query.Name}' not described");
            var answers = operation["responses"]?.AsObject().Select(r => r.Key).ToList() ?? [];
            if (!answers.Any(code => code.StartsWith('2'))) missing.Add($"{route}: no success answer described");
            // A success with a body must say its shape; only 202/204 answers may carry none.
            var described = ApiOperations.All[route];
            if (described.Response is null && described.Success is not (202 or 204)) missing.Add($"{route}: answers {described.Success} without a response schema");
            if (described.Response is not null && operation["responses"]?[described.Success.ToString(System.Globalization.CultureInfo.InvariantCulture)]?["content"]?.AsObject()
                    .FirstOrDefault().Value?["schema"] is null)
            {
                missing.Add($"{route}: no schema in the document for its {described.Success} answer");
            }
            if (!answers.Contains("401") || !answers.Contains("403")) missing.Add($"{route}: refusals (401/403) not described");
        }
        Assert.True(missing.Count == 0, "Routes the OpenAPI document does not describe fully:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// What a client generated from the document would meet: every GET route with a described answer is called on the demo
    /// data and its body checked against the schema the document gives for it (with the document's components), by the
    /// product's own JSON Schema validator. A route whose demo instance does not exist (404) is counted, not checked.
    /// </summary>
    [Fact]
    public async Task Every_get_answer_on_the_demo_data_conforms_to_the_schema_the_document_describes()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject().ToDictionary(p => p.Key.TrimEnd('/'), p => p.Value!);
        using var client = console.ApiClient(ConsoleApp.DemoApiKey);
        var ids = new DemoIds(client);

        var failures = new List<string>();
        var checkedRoutes = new List<string>();
        foreach (var (route, described) in ApiOperations.All.Where(r => r.Key.StartsWith("GET ", StringComparison.Ordinal) && r.Value.Response is not null
                     && r.Value.Produces is null))
        {
            var pattern = route[4..];
            var url = await ids.FillAsync(pattern);
            if (url is null) continue;
            var response = await client.GetAsync(At(url));
            if (response.StatusCode == HttpStatusCode.NotFound) continue;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{route} ({url}): {(int)response.StatusCode}");
                continue;
            }
            var schema = paths[PathOf(pattern)]["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!.DeepClone().AsObject();
            schema["components"] = document["components"]!.DeepClone();
            var compiled = JsonSchemaCompiler.Compile(schema.ToJsonString());
            using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var result = compiled.Validate(body.RootElement);
            checkedRoutes.Add(route);
            if (!result.IsValid)
            {
                failures.Add($"{route} ({url}): " + string.Join("; ", result.Errors.Take(5).Select(e => $"{e.InstanceLocation} {e.KeywordLocation}: {e.Message}")));
            }
        }
        Assert.True(failures.Count == 0, "Answers that do not match the document:\n" + string.Join("\n", failures));
        // The demo has every kind of thing these routes read: most of them must really have been checked, not skipped as 404.
        Assert.True(checkedRoutes.Count >= 30, $"Only {checkedRoutes.Count} GET answers were checked: {string.Join(", ", checkedRoutes)}");
    }

    [Fact]
    public async Task Each_request_example_in_the_document_conforms_to_its_body_schema_and_the_run_launch_example_starts_a_run()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject().ToDictionary(p => p.Key.TrimEnd('/'), p => p.Value!);
        var failures = new List<string>();
        foreach (var route in ApiExamples.Requests.Keys)
        {
            var method = route[..route.IndexOf(' ')].ToLowerInvariant();
            var body = paths[PathOf(route[(route.IndexOf(' ') + 1)..])][method]!["requestBody"]!["content"]!["application/json"]!;
            if (body["example"] is not { } example)
            {
                failures.Add($"{route}: no example in the document");
                continue;
            }
            var schema = body["schema"]!.DeepClone().AsObject();
            schema["components"] = document["components"]!.DeepClone();
            using var instance = System.Text.Json.JsonDocument.Parse(example.ToJsonString());
            var result = JsonSchemaCompiler.Compile(schema.ToJsonString()).Validate(instance.RootElement);
            if (!result.IsValid) failures.Add($"{route}: " + string.Join("; ", result.Errors.Select(e => $"{e.InstanceLocation}: {e.Message}")));
        }
        Assert.True(failures.Count == 0, "Examples that do not match their schema:\n" + string.Join("\n", failures));

        using var client = console.ApiClient(ConsoleApp.DemoApiKey);
        using var launch = new StringContent(ApiExamples.Requests["POST /api/pipelines/{key}/runs"], System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(At("/api/pipelines/ticket-triage/runs"), launch);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["runId"]);
    }

    [Fact]
    public async Task A_request_body_schema_names_enum_members_as_strings()
    {
        var document = await DocumentAsync();
        var text = document.ToJsonString();
        // The review decision is an enum in the feedback body: clients must see its names, as the binder takes only names.
        Assert.Contains("\"Approve\"", text);
    }

    [Fact]
    public async Task A_step_version_answer_describes_its_validation_mode_and_importance_by_member_name()
    {
        var schemas = (await DocumentAsync())["components"]!["schemas"]!;
        JsonNode Resolve(JsonNode schema) => schema["$ref"]?.GetValue<string>() is { } reference ? schemas[reference.Split('/')[^1]]! : schema;
        // An enum's schema is shared with optional members of its type elsewhere, which may add null to its members (CallImportance's does).
        string[] Members(string property) =>
            [.. Resolve(schemas["StepVersionJson"]!["properties"]![property]!)["enum"]!.AsArray().OfType<JsonNode>().Select(m => m.GetValue<string>())];

        Assert.Equal(["Off", "Log", "Enforce"], Members("validationMode"));
        Assert.Equal(["Normal", "Low", "High"], Members("importance"));
    }

    [Fact]
    public async Task Answers_name_enum_members_instead_of_numbering_them()
    {
        using var client = console.ApiClient(ConsoleApp.DemoApiKey);
        var runs = JsonNode.Parse(await client.GetStringAsync(At("/api/monitoring/runs?pageSize=5")))!;
        var status = runs["items"]!.AsArray().First()!["status"]!;
        Assert.Equal(System.Text.Json.JsonValueKind.String, status.GetValueKind());
    }

    [Fact]
    public async Task The_api_reference_page_renders_for_an_admin_and_is_refused_to_a_reviewer()
    {
        using var reviewer = await console.ApiClientWithRoleAsync("Reviewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(At("/api-reference"))).StatusCode);

        var page = await console.SignedInPageAsync("admin@aiflow.local", returnUrl: "/api-reference");
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) blocked.Add(message.Text); };
        await page.GotoAsync("/api-reference");
        // Scalar draws the operations from the document in the browser: a route's summary appears once its script ran.
        await Assertions.Expect(page.GetByText("AiFlow API").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Start a run of a pipeline", new() { Exact = false }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Empty(blocked);
        await page.Context.CloseAsync();
    }
}
