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
}
