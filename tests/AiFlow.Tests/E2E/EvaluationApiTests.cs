using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 4: evaluations of a step version over a dataset version, on PostgreSQL, Quartz and the real console.</summary>
[Collection(ConsoleCollection.Name)]
public class EvaluationApiTests(ConsoleFixture console)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_regressing_step_version_is_evaluated_against_the_active_one_with_aggregates_deltas_and_cases()
    {
        var (key, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 12);
        using var client = ReviewRunSupport.Client(console);

        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json($$$"""{"target":{"step":"{{{key}}}","version":2}}"""));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();
        var evaluation = await EvaluationSeed.WaitForAsync(client, id);

        Assert.Equal("Completed", evaluation["status"]!.GetValue<string>());
        Assert.Equal(1, evaluation["baseline"]!["version"]!.GetValue<int>());
        Assert.Equal((12, 12, 0), (evaluation["progress"]!["done"]!.GetValue<int>(), evaluation["progress"]!["total"]!.GetValue<int>(), evaluation["progress"]!["errored"]!.GetValue<int>()));
        var exact = evaluation["aggregates"]!.AsArray().Single(a => a!["metric"]!.GetValue<string>() == "exact_match")!;
        Assert.Equal(0, exact["candidate"]!["value"]!.GetValue<double>());
        Assert.Equal(1, exact["baseline"]!["value"]!.GetValue<double>());
        Assert.Equal(-1, exact["delta"]!.GetValue<double>());
        Assert.Equal((0, 12, 0), (exact["wins"]!.GetValue<int>(), exact["losses"]!.GetValue<int>(), exact["ties"]!.GetValue<int>()));
        // Every case is a loss on exact match: the bootstrap interval is a single point.
        Assert.Equal(0, exact["candidate"]!["high"]!.GetValue<double>());
        var valid = evaluation["aggregates"]!.AsArray().Single(a => a!["metric"]!.GetValue<string>() == "schema_valid")!;
        Assert.Equal(1, valid["candidate"]!["value"]!.GetValue<double>());

        var cases = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}/cases?page=1&pageSize=5&metric=field_f1", UriKind.Relative)))!;
        Assert.Equal(12, cases["total"]!.GetValue<int>());
        var first = cases["items"]!.AsArray()[0]!;
        Assert.Equal("wrong", first["candidate"]!["ir"]!["label"]!.GetValue<string>());
        Assert.StartsWith("a", first["baseline"]!["ir"]!["label"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(-1, first["delta"]!.GetValue<double>());
        Assert.NotNull(first["candidate"]!["details"]!["field_f1"]);

        var csv = await client.GetStringAsync(new Uri($"/api/evaluations/{id}/export?format=csv", UriKind.Relative));
        Assert.Equal(13, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("example_id,tags,errored,delta", csv, StringComparison.Ordinal);
        var jsonl = await client.GetStringAsync(new Uri($"/api/evaluations/{id}/export?format=jsonl", UriKind.Relative));
        Assert.Equal(12, jsonl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(new Uri($"/api/evaluations/{id}/cancel", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_baseline_version_is_a_404_naming_the_version_and_pointing_at_the_baseline()
    {
        var (key, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 1);
        using var client = ReviewRunSupport.Client(console);

        var answer = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json($$$"""{"target":{"step":"{{{key}}}","version":1},"baseline":{"version":7}}"""));

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = (await answer.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal($"Step '{key}' has no version 7 to compare with.", problem["title"]!.GetValue<string>());
        Assert.Equal("/baseline/version", problem["pointer"]!.GetValue<string>());
    }

    [Fact]
    public async Task Bad_evaluation_requests_are_clear_4xx_problems_and_start_nothing()
    {
        var (key, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 2);
        var (empty, _) = await EvaluationSeed.AddStepWithTruthAsync(console, 0);
        using var client = ReviewRunSupport.Client(console);
        var before = (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/evaluations?pageSize=1", UriKind.Relative)))!["total"]!.GetValue<int>();

        foreach (var (body, status, says) in new (string, HttpStatusCode, string)[]
        {
            ($$$"""{"target":{"step":"{{{key}}}","version":3}}""", HttpStatusCode.BadRequest, "draft"),
            ($$$"""{"target":{"step":"{{{empty}}}","version":1}}""", HttpStatusCode.BadRequest, "no dataset"),
            ($$$"""{"target":{"step":"{{{key}}}","version":"1"}}""", HttpStatusCode.BadRequest, "/target/version"),
            ($$$"""{"target":{"step":"{{{key}}}","version":1.5}}""", HttpStatusCode.BadRequest, "/target/version"),
            ($$$"""{"target":{"step":"{{{key}}}","version":1e400}}""", HttpStatusCode.BadRequest, "/target/version"),
            ($$$"""{"target":{"step":"{{{key}}}","version":1},"dataset":{"version":9}}""", HttpStatusCode.NotFound, "no dataset version 9"),
            ($$$"""{"target":{"step":"{{{key}}}","version":1},"tag":"nothing-has-it"}""", HttpStatusCode.BadRequest, "tagged"),
            ($$$"""{"target":{"step":"{{{key}}}","version":1},"baseline":{"version":7}}""", HttpStatusCode.NotFound, "no version 7"),
            ($$$"""{"target":{"step":"{{{key}}}","pipeline":"x","version":1}}""", HttpStatusCode.BadRequest, "either"),
            ("""{"target":"step"}""", HttpStatusCode.BadRequest, "target must be an object"),
            ("""[]""", HttpStatusCode.BadRequest, "object"),
            ("""{"target":{"step":"no-such-step","version":1}}""", HttpStatusCode.NotFound, "no step"),
            ($$$"""{"target":{"step":"{{{key}}}","version":99}}""", HttpStatusCode.NotFound, "no version 99"),
        })
        {
            var answer = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json(body));
            Assert.True(answer.StatusCode == status, $"{body} answered {answer.StatusCode}");
            Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
            Assert.Contains(says, await answer.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(before, (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/evaluations?pageSize=1", UriKind.Relative)))!["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/evaluations/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri($"/api/evaluations?page=0", UriKind.Relative))).StatusCode);
    }
}
