using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Tests.Support;
using AiFlow.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 5: activating a pipeline version needs evaluations of its changed steps that pass the pipeline's gate policy.</summary>
[Collection(ConsoleCollection.Name)]
public class GateApiTests(ConsoleFixture console)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_gate_refuses_a_regressing_version_with_the_failing_metric_and_worst_cases_until_an_admin_overrides_it_with_a_reason()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 8);
        using var client = ReviewRunSupport.Client(console);
        Uri Route(string path) => new($"/api/pipelines/{setup.PipelineKey}/{path}", UriKind.Relative);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Route("gate-policy"))).StatusCode);
        var policy = await client.PutAsync(Route("gate-policy"), Json("""{"rules":[{"metric":"exact_match","maxRegression":0.05}],"minCases":5}"""));
        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);

        // No evaluation yet: refused, saying what is missing.
        var first = await client.PostAsync(Route("versions/2/activate"), null);
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        Assert.Contains("no completed evaluation", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json($$$"""{"target":{"step":"{{{setup.StepKey}}}","version":2}}"""));
        var evaluationId = (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();
        Assert.Equal("Completed", (await EvaluationSeed.WaitForAsync(client, evaluationId))["status"]!.GetValue<string>());

        var refused = await client.PostAsync(Route("versions/2/activate"), null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var report = (await refused.Content.ReadFromJsonAsync<JsonNode>())!["gate"]!;
        Assert.False(report["passed"]!.GetValue<bool>());
        var finding = report["findings"]!.AsArray().Single(f => f!["metric"]?.GetValue<string>() == "exact_match")!;
        Assert.Equal((0.0, 1.0, 0.05), (finding["candidate"]!.GetValue<double>(), finding["baseline"]!.GetValue<double>(), finding["allowed"]!.GetValue<double>()));
        Assert.Equal(5, finding["worstCases"]!.AsArray().Count);
        Assert.Equal(evaluationId, finding["evaluationId"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Route("versions/2/activate"), Json("""{"override":{"reason":"  "}}"""))).StatusCode);

        var overridden = await client.PostAsync(Route("versions/2/activate"), Json("""{"override":{"reason":"Hotfix for the outage; the label change is intended."}}"""));
        Assert.Equal(HttpStatusCode.OK, overridden.StatusCode);
        await using var db = console.Database.CreateContext();
        var version = await db.PipelineVersions.SingleAsync(v => v.PipelineDefinition!.Key == setup.PipelineKey && v.Number == 2);
        Assert.True(version.IsActive);
        Assert.Equal("Hotfix for the outage; the label change is intended.", version.GateOverrideReason);
        var audit = await db.AuditEntries.Where(a => a.EntityId == version.Id.ToString()).Select(a => a.After).ToListAsync();
        Assert.Contains(audit, after => after is not null && after.Contains("Hotfix for the outage", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_admins_write_gate_policies_and_activate_and_malformed_policies_are_refused()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 0);
        using var admin = ReviewRunSupport.Client(console);
        var created = await (await admin.PostAsJsonAsync(new Uri("/api/api-keys", UriKind.Relative), new CreateApiKeyRequest("ops-" + Guid.NewGuid().ToString("N")[..6], "Ops")))
            .Content.ReadFromJsonAsync<CreatedApiKey>();
        using var ops = console.ApiClient(created!.Key);
        Uri Route(string path) => new($"/api/pipelines/{setup.PipelineKey}/{path}", UriKind.Relative);

        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PutAsync(Route("gate-policy"), Json("""{"rules":[]}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ops.PostAsync(Route("versions/2/activate"), null)).StatusCode);
        foreach (var bad in new[]
        {
            """{"rules":{}}""", """{"rules":[{"metric":"exact_match"}]}""", """{"rules":[{"metric":"no_such_metric","floor":1}]}""",
            """{"rules":[{"metric":"exact_match","maxRegression":"0.1"}]}""", """{"rules":[{"metric":"exact_match","maxRegression":-1}]}""",
            """{"rules":[{"metric":"exact_match","floor":1},{"metric":"exact_match","floor":0.5}]}""", """{"rules":[],"minCases":0}""", """[]""",
        })
        {
            var answer = await admin.PutAsync(Route("gate-policy"), Json(bad));
            Assert.True(answer.StatusCode == HttpStatusCode.BadRequest, $"{bad} answered {answer.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Route("gate-policy"))).StatusCode);
        // Without a policy the pipeline is not gated.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync(Route("versions/2/activate"), null)).StatusCode);
    }

    [Fact]
    public async Task A_missing_gate_policy_and_a_missing_pipeline_are_404s_whose_detail_says_which_is_missing()
    {
        var setup = await EvaluationSetup.AddStepWithTruthAsync(console, 0);
        using var admin = ReviewRunSupport.Client(console);
        async Task<string> DetailOf(HttpResponseMessage answer)
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
            return (await answer.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>();
        }

        var noPolicy = await DetailOf(await admin.GetAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/gate-policy", UriKind.Relative)));
        Assert.Equal($"Pipeline '{setup.PipelineKey}' has no gate policy: its versions activate ungated until one is saved with PUT.", noPolicy);
        Assert.Equal("There is no pipeline 'no-such-pipeline'.",
            await DetailOf(await admin.GetAsync(new Uri("/api/pipelines/no-such-pipeline/gate-policy", UriKind.Relative))));
        Assert.Equal("There is no pipeline 'no-such-pipeline'.",
            await DetailOf(await admin.PutAsync(new Uri("/api/pipelines/no-such-pipeline/gate-policy", UriKind.Relative), Json("""{"rules":[]}"""))));
    }
}
