using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 8: a fresh demo console opens with the quality loop closed and the gate in front of a regressing version.</summary>
[Collection(ConsoleCollection.Name)]
public class DemoQualityLoopTests(ConsoleFixture console)
{
    [Fact]
    public async Task A_fresh_demo_has_curated_classify_truth_two_completed_evaluations_and_a_gate_that_refuses_ticket_triage_v2()
    {
        using var client = ReviewRunSupport.Client(console);
        Guid classify;
        await using (var db = console.Database.CreateContext())
        {
            classify = await db.StepDefinitions.Where(d => d.Key == "classify").Select(d => d.Id).SingleAsync();
            var examples = await db.GroundTruthExamples.CountAsync(e => e.Scope == GroundTruthScope.Step && e.ScopeId == classify);
            Assert.True(examples >= 40, $"{examples} curated classify examples");
            // Each came from a reviewer's decision on a run.
            var provenance = await db.GroundTruthVersions.Where(v => db.GroundTruthExamples.Any(e => e.Id == v.GroundTruthExampleId && e.ScopeId == classify))
                .Select(v => v.Provenance).ToListAsync();
            Assert.All(provenance, p => Assert.True(p.StepRunId is not null && p.FeedbackIds.Count == 1 && p.Reviewers.SequenceEqual(["reviewer@aiflow.local"])));
            Assert.True(await db.DatasetVersions.AnyAsync(d => d.Scope == GroundTruthScope.Step && d.ScopeId == classify && d.ExampleCount >= 40));
        }

        JsonNode? regressing = null;
        for (var i = 0; i < 300 && regressing is null; i++)
        {
            var page = (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/evaluations?pageSize=100", UriKind.Relative)))!;
            var demo = page["items"]!.AsArray().Where(e => e!["requestedBy"]?.GetValue<string>() == "seed").ToList();
            if (demo.Count == 2 && demo.All(e => e!["status"]!.GetValue<string>() == nameof(EvaluationStatus.Completed)))
            {
                regressing = demo.Single(e => e!["target"]!.GetValue<string>() == "step classify v2");
            }
            else await Task.Delay(200);
        }
        Assert.NotNull(regressing);
        var evaluation = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{regressing!["id"]}", UriKind.Relative)))!;
        var exact = evaluation["aggregates"]!.AsArray().Single(a => a!["metric"]!.GetValue<string>() == "exact_match")!;
        Assert.True(exact["delta"]!.GetValue<double>() < -0.05, $"classify v2 changed exact match by {exact["delta"]}");

        var refused = await client.PostAsync(new Uri("/api/pipelines/ticket-triage/versions/2/activate", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var report = (await refused.Content.ReadFromJsonAsync<JsonNode>())!["gate"]!;
        Assert.Contains(report["findings"]!.AsArray(), f => f!["metric"]?.GetValue<string>() == "exact_match" && f["worstCases"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task A_fresh_demo_has_a_judge_in_classifys_profile_that_scored_the_reviewed_runs_and_the_seeded_evaluation_on_the_simulator()
    {
        using var client = ReviewRunSupport.Client(console);

        var judge = (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/judges/classify_check", UriKind.Relative)))!;

        Assert.Equal(1, judge["currentVersion"]!.GetValue<int>());
        // The 48 reviewed classify outputs were scored by it, and the reviewers' labels (correct / wrong) measure it.
        var overall = judge["agreement"]!.AsArray().Single(a => a!["step"] is null)!;
        Assert.Equal("Cohen's kappa", overall["measure"]!.GetValue<string>());
        Assert.True(overall["items"]!.GetValue<int>() >= 40, $"{overall["items"]} items");
        var kappa = overall["value"]!.GetValue<double>();
        // It checks the category only, reviewers also the priority; on the seeded tickets every wrong classification has a
        // wrong category, so it agrees with them fully and clears the gate's default bar (kappa 0.6 on 30 items).
        Assert.True(kappa >= 0.6, $"kappa {kappa}");
        var profile = (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/metric-profiles/classify_profile_v1", UriKind.Relative)))!;
        Assert.Contains(profile["targets"]!.AsArray(), t => t!["metricKey"]!.GetValue<string>() == "classify_judge");

        // The seeded evaluation of classify v1 asked the judge through the gateway, on the simulator, for every case.
        JsonNode? aggregate = null;
        for (var i = 0; i < 300 && aggregate is null; i++)
        {
            var page = (await client.GetFromJsonAsync<JsonNode>(new Uri("/api/evaluations?pageSize=100", UriKind.Relative)))!;
            var first = page["items"]!.AsArray().FirstOrDefault(e => e!["requestedBy"]?.GetValue<string>() == "seed" && e["target"]!.GetValue<string>() == "step classify v1"
                && e["status"]!.GetValue<string>() == nameof(EvaluationStatus.Completed));
            if (first is not null)
            {
                var evaluation = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{first["id"]}", UriKind.Relative)))!;
                aggregate = evaluation["aggregates"]!.AsArray().Single(a => a!["metric"]!.GetValue<string>() == "classify_judge");
            }
            else await Task.Delay(200);
        }
        Assert.NotNull(aggregate);
        Assert.True(aggregate!["candidate"]!["cases"]!.GetValue<int>() >= 40, aggregate.ToJsonString());
        Assert.Equal(0, aggregate["candidate"]!["judgeErrored"]!.GetValue<int>());
        // Re-running classify v1 on the reviewed tickets reproduces their outputs, so the simulator's verdicts are the seeded ones.
        await using var db = console.Database.CreateContext();
        var seeded = await db.MetricResults.Where(m => m.MetricKey == "classify_judge" && m.Value != null
            && db.PipelineRuns.Any(r => r.Id == m.PipelineRunId && r.RequestedBy == "demo")).Select(m => m.Value!.Value).ToListAsync();
        Assert.True(seeded.Count >= 40, $"{seeded.Count} seeded judge scores");
        Assert.Equal(seeded.Average(), aggregate["candidate"]!["value"]!.GetValue<double>(), 6);
    }
}
