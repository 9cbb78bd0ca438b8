using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using Microsoft.Playwright;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 1: judges over HTTP, and every bad judge refused with a 400 naming its field.</summary>
[Collection(ConsoleCollection.Name)]
public class JudgeApiTests(ConsoleFixture console)
{
    private const string Schema = """{"type":"object","properties":{"score":{"type":"number"},"reasoning":{"type":"string"}},"required":["score","reasoning"]}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static string NewKey() => $"judge_{Guid.NewGuid():N}"[..20];

    /// <summary>A judge body; a rating judge unless <paramref name="range"/> names its own kind (a key twice is refused).</summary>
    private static string Judge(string key, string schema = Schema, string range = "\"scoreMin\":1,\"scoreMax\":5", string extra = "") =>
        $$$"""{"key":"{{{key}}}","name":"Helpfulness",{{{(range.Contains("\"kind\"", StringComparison.Ordinal) ? "" : "\"kind\":\"Rating\",")}}}"promptTemplate":"Judge {{ output }} by {{ rubric }}","rubric":"Useful?","outputSchema":{{{schema}}},{{{range}}}{{{extra}}}}""";

    private static async Task<(HttpStatusCode Status, string? Pointer, string Text)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonNode>();
        return (response.StatusCode, body?["pointer"]?.GetValue<string>(), body?.ToJsonString() ?? "");
    }

    private static async Task<(HttpStatusCode Status, string? Pointer)> PointerAsync(HttpResponseMessage response)
    {
        var (status, pointer, _) = await ProblemAsync(response);
        return (status, pointer);
    }

    [Fact]
    public async Task An_admin_creates_a_judge_and_adds_a_version_and_a_stale_version_is_409()
    {
        using var admin = ReviewRunSupport.Client(console);
        var key = NewKey();

        var created = await admin.PostAsync(At("/api/judges"), Json(Judge(key)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/judges/{key}", created.Headers.Location!.OriginalString);
        var read = (await admin.GetFromJsonAsync<JsonNode>(At($"/api/judges/{key}")))!;
        Assert.Equal((1, "Rating", 5.0), (read["currentVersion"]!.GetValue<int>(), read["versions"]![0]!["kind"]!.GetValue<string>(), read["versions"]![0]!["scoreMax"]!.GetValue<double>()));
        Assert.Empty(read["agreement"]!.AsArray());
        var version = read["version"]!.GetValue<uint>();

        var next = await admin.PutAsync(At($"/api/judges/{key}"), Json(Judge(key, range: "\"scoreMin\":0,\"scoreMax\":10", extra: $",\"version\":{version}")));
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        var body = (await next.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal((2, 2, 10.0), (body["currentVersion"]!.GetValue<int>(), body["versions"]!.AsArray().Count, body["versions"]![0]!["scoreMax"]!.GetValue<double>()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync(At($"/api/judges/{key}"), Json(Judge(key, extra: $",\"version\":{version}")))).StatusCode);
        Assert.Contains((await admin.GetFromJsonAsync<JsonArray>(At("/api/judges")))!, j => j!["key"]!.GetValue<string>() == key);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(At("/api/judges/no_such_judge"))).StatusCode);

        var metric = await admin.PostAsync(At("/api/metrics"), Json($$$"""{"key":"m_{{{key}}}","name":"Helpful","direction":"HigherIsBetter","function":"judge","parameters":{"judge":"{{{key}}}"}}"""));
        Assert.Equal(HttpStatusCode.Created, metric.StatusCode);
    }

    [Theory]
    [InlineData("""{"type":"object","properties":{"reasoning":{"type":"string"}},"required":["reasoning"]}""", "\"scoreMin\":1,\"scoreMax\":5", "/outputSchema/properties/score")]
    [InlineData(Schema, "\"scoreMin\":5,\"scoreMax\":1", "/scoreMax")]
    [InlineData(Schema, "\"scoreMax\":5", "/scoreMin")]
    [InlineData(Schema, "\"scoreMin\":\"low\",\"scoreMax\":5", "/scoreMin")]
    [InlineData(Schema, "\"scoreMin\":1,\"scoreMax\":5,\"modelRouteId\":\"0193a000-0000-7000-8000-000000000000\"", "/modelRouteId")]
    [InlineData(Schema, "\"scoreMin\":1,\"scoreMax\":5,\"kind\":\"Category\",\"categories\":[\"pass\"]", "/categories")]
    public async Task A_bad_judge_is_a_400_naming_its_field_and_nothing_is_saved(string schema, string range, string pointer)
    {
        using var admin = ReviewRunSupport.Client(console);
        var key = NewKey();

        var (status, at, text) = await ProblemAsync(await admin.PostAsync(At("/api/judges"), Json(Judge(key, schema, range))));

        Assert.True(status == HttpStatusCode.BadRequest, text);
        Assert.Equal(pointer, at);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(At($"/api/judges/{key}"))).StatusCode);
    }

    [Fact]
    public async Task A_malformed_body_a_missing_version_and_an_unknown_judge_in_a_metric_are_400s_with_their_pointer()
    {
        using var admin = ReviewRunSupport.Client(console);

        Assert.Equal((HttpStatusCode.BadRequest, "/version"), await PointerAsync(await admin.PutAsync(At($"/api/judges/{NewKey()}"), Json(Judge("x")))));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(At("/api/judges"), Json("[1,2]"))).StatusCode);
        var metric = await admin.PostAsync(At("/api/metrics"), Json("""{"key":"m_unknown_judge","name":"x","direction":"HigherIsBetter","function":"judge","parameters":{"judge":"nobody"}}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters/judge"), await PointerAsync(metric));
        var noKey = await admin.PostAsync(At("/api/metrics"), Json("""{"key":"m_judge_no_key","name":"x","direction":"HigherIsBetter","function":"judge","parameters":{}}"""));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters/judge"), await PointerAsync(noKey));
    }

    [Fact]
    public async Task Ops_read_judges_but_may_not_make_them()
    {
        using var ops = await console.ApiClientWithRoleAsync("Ops");

        Assert.Equal(HttpStatusCode.OK, (await ops.GetAsync(At("/api/judges"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/judges"), Json(Judge(NewKey())))).StatusCode);
    }

    [Fact]
    public async Task Ops_open_the_judge_pages_and_read_a_judges_versions_from_the_navigation()
    {
        using var admin = ReviewRunSupport.Client(console);
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At("/api/judges"), Json(Judge(key)))).StatusCode);
        var page = await console.SignedInPageAsync("ops@aiflow.local");

        await ConsolePage.OpenAsync(page, "/judges");
        await page.Locator("[data-nav='judges']").First.WaitForAsync();
        await page.GetByTestId("judges-table").GetByRole(AriaRole.Link, new() { Name = key, Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("judge-version")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("judge-version")).ToContainTextAsync("v1 · Rating · scores 1 – 5");
        await Assertions.Expect(page.GetByText("No output this judge scored has been decided by a reviewer yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_metric_editor_refuses_a_metric_naming_an_unknown_judge_and_says_so_at_its_parameters()
    {
        var ui = new MetricCatalogPage(await console.SignedInPageAsync("admin@aiflow.local", height: 1100));
        await ui.OpenAsync();
        var metric = $"e2e_{Guid.NewGuid():N}"[..16];

        await ui.StartMetricAsync(metric, "Judged helpfulness", "judge");
        await ui.Parameters.FillAsync("""{"judge":"nobody_here"}""");
        await Assertions.Expect(ui.ParameterProblems).ToHaveCountAsync(0);
        await ui.Page.GetByTestId("metric-form-save").ClickAsync();

        await Assertions.Expect(ui.ParameterProblems).ToContainTextAsync("/parameters/judge There is no judge 'nobody_here'");
        await Assertions.Expect(ui.Page.GetByTestId("metric-form")).ToBeVisibleAsync();
        using var admin = ReviewRunSupport.Client(console);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(At($"/api/metrics/{metric}"))).StatusCode);
    }
}
