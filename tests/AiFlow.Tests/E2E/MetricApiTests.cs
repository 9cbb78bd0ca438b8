using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Access;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class MetricApiTests(ConsoleFixture console)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static async Task<JsonNode> BodyAsync(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonNode>())!;

    private static string NewKey(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..20];

    private static string Metric(string key, string parameters = """{"pointer":"/code","pattern":"^[A-Z]+$"}""", string extra = "", string direction = "HigherIsBetter") =>
        $$"""{"key":"{{key}}","name":"Upper-case code","direction":"{{direction}}","function":"regex_match","parameters":{{parameters}},"aggregation":"rate"{{extra}}}""";

    [Fact]
    public async Task An_admin_creates_and_updates_a_metric_and_a_profile_and_a_stale_version_is_409()
    {
        using var admin = ReviewRunSupport.Client(console);
        var key = NewKey("api");

        var created = await admin.PostAsync(At("/api/metrics"), Json(Metric(key)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/metrics/{key}", created.Headers.Location!.OriginalString);
        var read = await admin.GetFromJsonAsync<JsonNode>(At($"/api/metrics/{key}"));
        Assert.Equal(("regex_match", "ReferenceFree", "Rate"), (read!["function"]!.GetValue<string>(), read["kind"]!.GetValue<string>(), read["aggregation"]!.GetValue<string>()));
        Assert.Equal("1 if pattern matches the text at pointer, else 0", read["formula"]!.GetValue<string>());
        var version = read["version"]!.GetValue<uint>();

        var updated = await admin.PutAsync(At($"/api/metrics/{key}"), Json(Metric(key, """{"pattern":"^[A-Z]{2}$"}""", $",\"version\":{version}", "LowerIsBetter")));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("LowerIsBetter", (await BodyAsync(updated))["direction"]!.GetValue<string>());
        var stale = await admin.PutAsync(At($"/api/metrics/{key}"), Json(Metric(key, extra: $",\"version\":{version}")));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Contains("was changed by", (await BodyAsync(stale))["title"]!.GetValue<string>(), StringComparison.Ordinal);

        var profile = NewKey("prof");
        var made = await admin.PostAsync(At("/api/metric-profiles"), Json($$"""{"key":"{{profile}}","name":"Codes","targets":[{"metricKey":"{{key}}","target":0.9},{"metricKey":"latency_ms","target":2000,"weight":2}]}"""));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var profileVersion = (await BodyAsync(made))["version"]!.GetValue<uint>();
        var changed = await admin.PutAsync(At($"/api/metric-profiles/{profile}"), Json($$"""{"version":{{profileVersion}},"name":"Codes v2","targets":[{"metricKey":"{{key}}","target":0.95}]}"""));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutAsync(At($"/api/metric-profiles/{profile}"), Json($$"""{"version":{{profileVersion}},"name":"x","targets":[]}"""))).StatusCode);

        var listed = await admin.GetFromJsonAsync<JsonArray>(At("/api/metric-profiles"));
        var mine = listed!.Single(p => p!["key"]!.GetValue<string>() == profile)!;
        Assert.Equal(("Codes v2", 0.95, 1.0), (mine["name"]!.GetValue<string>(), mine["targets"]![0]!["target"]!.GetValue<double>(), mine["targets"]![0]!["weight"]!.GetValue<double>()));
        var functions = await admin.GetFromJsonAsync<JsonArray>(At("/api/metric-functions"));
        var regex = functions!.Single(f => f!["key"]!.GetValue<string>() == "regex_match")!;
        Assert.Contains(regex["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "pattern" && p["required"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(At("/api/metrics/no_such_metric"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PutAsync(At("/api/metric-profiles/no_such_profile"), Json("""{"version":1,"name":"x","targets":[]}"""))).StatusCode);
    }

    [Fact]
    public async Task Ops_read_metrics_profiles_and_functions_but_get_403_on_every_change_and_reviewers_may_not_read()
    {
        using var admin = ReviewRunSupport.Client(console);
        async Task<string> KeyFor(string role) =>
            (await (await admin.PostAsJsonAsync(At("/api/api-keys"), new CreateApiKeyRequest("metrics-" + role, role))).Content.ReadFromJsonAsync<CreatedApiKey>())!.Key;
        using var ops = console.ApiClient(await KeyFor("Ops"));
        using var reviewer = console.ApiClient(await KeyFor("Reviewer"));

        foreach (var path in new[] { "/api/metrics", "/api/metrics/latency_ms", "/api/metric-functions", "/api/metric-profiles", "/api/metric-profiles/split_profile_v1" })
        {
            Assert.Equal((path, HttpStatusCode.OK), (path, (await ops.GetAsync(At(path))).StatusCode));
            Assert.Equal((path, HttpStatusCode.Forbidden), (path, (await reviewer.GetAsync(At(path))).StatusCode));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/metrics"), Json(Metric(NewKey("ops"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PutAsync(At("/api/metrics/latency_ms"), Json(Metric("latency_ms", extra: ",\"version\":1")))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(At("/api/metric-profiles"), Json("""{"key":"ops_profile","name":"x","targets":[]}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PutAsync(At("/api/metric-profiles/split_profile_v1"), Json("""{"version":1,"name":"x","targets":[]}"""))).StatusCode);
    }

    [Fact]
    public async Task A_metric_sent_back_whole_as_it_was_read_is_saved_and_a_misspelt_member_is_refused()
    {
        using var admin = ReviewRunSupport.Client(console);
        var key = NewKey("trip");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsync(At("/api/metrics"), Json(Metric(key)))).StatusCode);
        var read = (await admin.GetFromJsonAsync<JsonNode>(At($"/api/metrics/{key}")))!.AsObject();

        read["name"] = "Renamed";
        var saved = await admin.PutAsync(At($"/api/metrics/{key}"), Json(read.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var answer = await BodyAsync(saved);
        Assert.Equal("Renamed", answer["name"]!.GetValue<string>());

        read["version"] = answer["version"]!.GetValue<uint>();
        read["nmae"] = "Typo";
        var typo = await admin.PutAsync(At($"/api/metrics/{key}"), Json(read.ToJsonString()));
        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("/nmae", (await BodyAsync(typo))["pointer"]!.GetValue<string>());
    }

    public static TheoryData<string, string, string, string?> MalformedBodies => new()
    {
        { "POST", "/api/metrics", """["key"]""", "" },
        { "POST", "/api/metrics", """{"key":"x","name":""", "/name" },
        { "POST", "/api/metrics", """{"key":"dup","key":"dup","name":"n","direction":"HigherIsBetter","function":"regex_match"}""", "/key" },
        { "POST", "/api/metrics", """{"key":"typo","name":"n","direction":"HigherIsBetter","function":"regex_match","aggregaton":"Mean"}""", "/aggregaton" },
        { "POST", "/api/metrics", """{"key":5,"name":"n","direction":"HigherIsBetter","function":"regex_match"}""", "/key" },
        { "POST", "/api/metrics", """{"name":"n","direction":"HigherIsBetter","function":"regex_match","parameters":{"pattern":"a"}}""", "/key" },
        { "POST", "/api/metrics", """{"key":"bad_direction","name":"n","direction":"Sideways","function":"regex_match"}""", "/direction" },
        { "POST", "/api/metrics", """{"key":"no_direction","name":"n","function":"regex_match"}""", "/direction" },
        { "POST", "/api/metrics", """{"key":"bad_aggregation","name":"n","direction":"HigherIsBetter","function":"regex_match","aggregation":3}""", "/aggregation" },
        { "POST", "/api/metrics", """{"key":"bad_function","name":"n","direction":"HigherIsBetter","function":"bleu"}""", "/function" },
        { "POST", "/api/metrics", """{"key":"array_params","name":"n","direction":"HigherIsBetter","function":"regex_match","parameters":["pattern"]}""", "/parameters" },
        { "POST", "/api/metrics", """{"key":"wrong_params","name":"n","direction":"HigherIsBetter","function":"regex_match","parameters":{"pattern":5}}""", "/parameters/pattern" },
        { "PUT", "/api/metrics/latency_ms", """{"name":"Latency","direction":"LowerIsBetter","function":"latency_ms"}""", "/version" },
        { "PUT", "/api/metrics/latency_ms", """{"version":"12","name":"Latency","direction":"LowerIsBetter","function":"latency_ms"}""", "/version" },
        { "PUT", "/api/metrics/latency_ms", """{"version":1e30,"name":"Latency","direction":"LowerIsBetter","function":"latency_ms"}""", "/version" },
        { "POST", "/api/metric-profiles", """{"key":"no_targets","name":"n"}""", "/targets" },
        { "POST", "/api/metric-profiles", """{"key":"object_targets","name":"n","targets":{"metricKey":"latency_ms"}}""", "/targets" },
        { "POST", "/api/metric-profiles", """{"key":"null_target","name":"n","targets":[null]}""", "/targets/0" },
        { "POST", "/api/metric-profiles", """{"key":"text_target","name":"n","targets":[{"metricKey":"latency_ms","target":"fast"}]}""", "/targets/0/target" },
        { "POST", "/api/metric-profiles", """{"key":"huge_target","name":"n","targets":[{"metricKey":"latency_ms","target":1e400}]}""", "/targets/0/target" },
        { "POST", "/api/metric-profiles", """{"key":"unknown_metric","name":"n","targets":[{"metricKey":"latency_ms"},{"metricKey":"nope"}]}""", "/targets/1/metricKey" },
        { "PUT", "/api/metric-profiles/split_profile_v1", """{"version":-1,"name":"n","targets":[]}""", "/version" },
    };

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_a_400_problem_naming_the_field_and_saves_nothing(string method, string path, string body, string? pointer)
    {
        using var admin = ReviewRunSupport.Client(console);
        var before = await admin.GetStringAsync(At(path.StartsWith("/api/metric-profiles", StringComparison.Ordinal) ? "/api/metric-profiles" : "/api/metrics"));

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), At(path)) { Content = Json(body) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await BodyAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.Equal(pointer, problem["pointer"]?.GetValue<string>());
        Assert.Equal(before, await admin.GetStringAsync(At(path.StartsWith("/api/metric-profiles", StringComparison.Ordinal) ? "/api/metric-profiles" : "/api/metrics")));
    }
}
