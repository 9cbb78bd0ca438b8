using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.E2E;

/// <summary>Issue 12, item 4: end-to-end evaluations of a pipeline version through the engine, on PostgreSQL, Quartz, the simulator and the real console.</summary>
[Collection(ConsoleCollection.Name)]
public class PipelineEvaluationApiTests(ConsoleFixture console)
{
    private static StringContent Json(string s) => new(s, Encoding.UTF8, "application/json");

    private static async Task<Guid> StartAsync(HttpClient client, string body)
    {
        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json(body));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        return (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();
    }

    private static JsonNode Aggregate(JsonNode evaluation, string metric) =>
        evaluation["aggregates"]!.AsArray().Single(a => a!["metric"]!.GetValue<string>() == metric)!;

    [Fact]
    public async Task A_pipeline_version_is_evaluated_end_to_end_against_the_active_one_node_by_node_without_writing_runs()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 6);
        using var client = ReviewRunSupport.Client(console);

        var id = await StartAsync(client, $$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2}}""");
        var evaluation = await EvaluationSeed.WaitForAsync(client, id);

        Assert.True(evaluation["status"]!.GetValue<string>() == "Completed", evaluation.ToJsonString());
        Assert.Equal("Pipeline", evaluation["target"]!["kind"]!.GetValue<string>());
        Assert.Equal(1, evaluation["baseline"]!["version"]!.GetValue<int>());
        Assert.Equal((6, 6, 0), (evaluation["progress"]!["done"]!.GetValue<int>(), evaluation["progress"]!["total"]!.GetValue<int>(), evaluation["progress"]!["errored"]!.GetValue<int>()));
        foreach (var metric in new[] { "extract.exact_match", "echo.exact_match" })
        {
            var exact = Aggregate(evaluation, metric);
            Assert.Equal((0.0, 1.0, 6), (exact["candidate"]!["value"]!.GetValue<double>(), exact["baseline"]!["value"]!.GetValue<double>(), exact["losses"]!.GetValue<int>()));
        }
        Assert.DoesNotContain(evaluation["aggregates"]!.AsArray(), a => a!["metric"]!.GetValue<string>().StartsWith("summary.", StringComparison.Ordinal));

        var cases = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}/cases?pageSize=2&metric=echo.exact_match", UriKind.Relative)))!;
        Assert.Equal(6, cases["total"]!.GetValue<int>());
        var first = cases["items"]!.AsArray()[0]!;
        Assert.Equal("wrong", first["candidate"]!["ir"]!["echo"]!["text"]!.GetValue<string>());
        Assert.Equal(first["expected"]!["echo"]!["text"]!.GetValue<string>(), first["baseline"]!["ir"]!["echo"]!["text"]!.GetValue<string>());

        await using var db = console.Database.CreateContext();
        // Evaluation mode: no run, step run or review item is written; the model calls are booked under the evaluation's keys.
        Assert.False(await db.PipelineRuns.AnyAsync(r => r.PipelineDefinitionId == setup.PipelineDefinition));
        var keys = await db.AiRequestLogs.Where(l => l.IdempotencyKey!.StartsWith($"eval:{id:N}:")).Select(l => l.IdempotencyKey!).ToListAsync();
        Assert.Equal(12, keys.Count);
        Assert.Equal(12, keys.Distinct().Count());
        Assert.All(keys, k => Assert.EndsWith(":summary:1", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_pipeline_evaluation_narrowed_to_a_tag_runs_only_those_cases_and_bad_requests_say_what_is_missing()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 4);
        var empty = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 0);
        using var client = ReviewRunSupport.Client(console);

        var smoke = await EvaluationSeed.WaitForAsync(client, await StartAsync(client, $$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2},"tag":"smoke","baseline":{"version":1},"dataset":{"version":1}}"""));
        Assert.Equal((2, "smoke"), (smoke["progress"]!["total"]!.GetValue<int>(), smoke["tag"]!.GetValue<string>()));

        foreach (var (body, status, says) in new (string, HttpStatusCode, string)[]
        {
            ($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":3}}""", HttpStatusCode.BadRequest, "draft"),
            ($$$"""{"target":{"pipeline":"{{{empty.PipelineKey}}}","version":2}}""", HttpStatusCode.BadRequest, "has no dataset yet"),
            ($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2},"dataset":{"version":4}}""", HttpStatusCode.NotFound, "no dataset version 4"),
            ($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2},"tag":"nothing-has-it"}""", HttpStatusCode.BadRequest, "tagged 'nothing-has-it'"),
            ($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2},"baseline":{"version":8}}""", HttpStatusCode.NotFound, "no version 8 to compare with"),
            ($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":9}}""", HttpStatusCode.NotFound, "no version 9"),
            ("""{"target":{"pipeline":"no-such-pipeline","version":1}}""", HttpStatusCode.NotFound, "no pipeline"),
        })
        {
            var answer = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative), Json(body));
            Assert.True(answer.StatusCode == status, $"{body} answered {answer.StatusCode}");
            var problem = await answer.Content.ReadAsStringAsync();
            Assert.Contains(says, problem, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"pointer\"", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_end_to_end_gate_refuses_a_regressing_pipeline_version_naming_the_node_metric_and_worst_cases_until_overridden()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 5);
        using var client = ReviewRunSupport.Client(console);
        var saved = await client.PutAsync(new Uri($"/api/pipelines/{setup.PipelineKey}/gate-policy", UriKind.Relative),
            Json("""{"rules":[{"metric":"exact_match","maxRegression":0.05}],"minCases":3,"endToEnd":true}"""));
        Assert.True(saved.IsSuccessStatusCode, await saved.Content.ReadAsStringAsync());
        Assert.True((await saved.Content.ReadFromJsonAsync<JsonNode>())!["endToEnd"]!.GetValue<bool>());
        var activate = new Uri($"/api/pipelines/{setup.PipelineKey}/versions/2/activate", UriKind.Relative);

        var unevaluated = await client.PostAsync(activate, null);
        Assert.Equal(HttpStatusCode.Conflict, unevaluated.StatusCode);
        Assert.Contains("no completed evaluation on dataset v1", await unevaluated.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await EvaluationSeed.WaitForAsync(client, await StartAsync(client, $$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2}}"""));
        var refused = await client.PostAsync(activate, null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var findings = (await refused.Content.ReadFromJsonAsync<JsonNode>())!["gate"]!["findings"]!.AsArray();
        var extract = findings.Single(f => f!["step"]!.GetValue<string>() == $"{setup.PipelineKey}/extract")!;
        Assert.Equal(("exact_match", 0.0, 1.0), (extract["metric"]!.GetValue<string>(), extract["candidate"]!.GetValue<double>(), extract["baseline"]!.GetValue<double>()));
        Assert.Equal(5, extract["worstCases"]!.AsArray().Count);
        Assert.Contains(findings, f => f!["step"]!.GetValue<string>() == $"{setup.PipelineKey}/echo");

        var overridden = await client.PostAsync(activate, Json("""{"override":{"reason":"The new label set is wanted; accepted knowingly."}}"""));
        Assert.True(overridden.IsSuccessStatusCode, await overridden.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_scheduled_evaluation_of_a_pipeline_gated_end_to_end_evaluates_its_active_version_end_to_end()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 2);
        var job = ActivatorUtilities.CreateInstance<ScheduledEvaluationJob>(console.App.Services);
        // Gated step by step (and no step here has a dataset), the schedule has nothing to evaluate.
        Assert.Empty(await job.StartAllAsync(setup.PipelineKey, CancellationToken.None));

        await console.App.Services.GetRequiredService<GateService>().SavePolicyAsync(setup.PipelineKey, [], 1, null, true, null, "admin@aiflow.local", CancellationToken.None);
        var id = Assert.Single(await job.StartAllAsync(setup.PipelineKey, CancellationToken.None));
        using var client = ReviewRunSupport.Client(console);
        var evaluation = await EvaluationSeed.WaitForAsync(client, id);
        Assert.Equal(("Completed", "Pipeline", 1), (evaluation["status"]!.GetValue<string>(), evaluation["target"]!["kind"]!.GetValue<string>(), evaluation["target"]!["version"]!.GetValue<int>()));
        Assert.Null(evaluation["baseline"]);
        Assert.Equal(1, Aggregate(evaluation, "extract.exact_match")["candidate"]!["value"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_pipeline_evaluation_keeps_within_the_endpoints_concurrency_limit_and_a_cancel_stops_it_keeping_what_it_scored()
    {
        await using var simulator = await SimulatorServer.StartAsync(new SimulatorOptions(), ConsoleApp.SimulatorPort);
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 20, simulator.BaseUrl, "sim-chat@latency=200");
        using var client = ReviewRunSupport.Client(console);
        var id = await StartAsync(client, $$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2}}""");
        for (var i = 0; i < 300 && (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}", UriKind.Relative)))!["progress"]!["done"]!.GetValue<int>() == 0; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync(new Uri($"/api/evaluations/{id}/cancel", UriKind.Relative), null)).StatusCode);
        var evaluation = await EvaluationSeed.WaitForAsync(client, id);

        Assert.Equal("Cancelled", evaluation["status"]!.GetValue<string>());
        var done = evaluation["progress"]!["done"]!.GetValue<int>();
        Assert.InRange(done, 1, 19);
        Assert.InRange(simulator.Stats.MaxInFlight, 1, 2);
        await using var db = console.Database.CreateContext();
        Assert.Equal(done, await db.EvaluationResults.CountAsync(r => r.EvaluationRunId == id && r.Side == EvaluationSide.Candidate));
    }

    [Fact]
    public async Task A_case_whose_run_fails_before_a_checked_node_has_its_output_is_errored_and_counted_apart()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 3);
        await using (var db = console.Database.CreateContext())
        {
            // Pipeline v4: extract's v3 renders something that is not JSON, so extract fails and echo never runs.
            var extract = await db.StepDefinitions.SingleAsync(d => d.Key == setup.PipelineKey + "-extract");
            var broken = new StepVersion
            {
                StepDefinitionId = extract.Id, Number = 3, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
                ParamsJson = new JsonObject { ["template"] = "not json {{ input.q }}" }.ToJsonString(),
            };
            var v1 = await db.PipelineVersions.SingleAsync(v => v.Id == setup.PipelineV1);
            var dag = new PipelineDag { Nodes = [.. v1.Dag.Nodes.Select(n => n.Key == "extract" ? new DagNode { Key = n.Key, StepVersionId = broken.Id } : n)] };
            db.AddRange(broken, new PipelineVersion { PipelineDefinitionId = setup.PipelineDefinition, Number = 4, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow, Dag = dag });
            await db.SaveChangesAsync();
        }
        using var client = ReviewRunSupport.Client(console);

        var id = await StartAsync(client, $$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":4}}""");
        var evaluation = await EvaluationSeed.WaitForAsync(client, id);

        Assert.Equal(("Completed", 3, 3), (evaluation["status"]!.GetValue<string>(), evaluation["progress"]!["done"]!.GetValue<int>(), evaluation["progress"]!["errored"]!.GetValue<int>()));
        // Errored cases are neither passes nor fails: the candidate has no value, the baseline keeps its own.
        var exact = Aggregate(evaluation, "extract.exact_match");
        Assert.Equal((0, 1.0), (exact["candidate"]!["cases"]!.GetValue<int>(), exact["baseline"]!["value"]!.GetValue<double>()));
        var cases = (await client.GetFromJsonAsync<JsonNode>(new Uri($"/api/evaluations/{id}/cases?outcome=errors", UriKind.Relative)))!;
        Assert.Equal(3, cases["total"]!.GetValue<int>());
        Assert.StartsWith("Node 'extract' failed: Transform failed", cases["items"]![0]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_human_review_node_passes_its_input_on_in_an_evaluation_and_queues_nothing_for_review()
    {
        var key = "pe-hr-" + Guid.NewGuid().ToString("N")[..6];
        Guid definition;
        await using (var db = console.Database.CreateContext())
        {
            var extract = await TestPipelines.AddTransformStepAsync(db, key + "-extract", """{"template":"{\"label\":\"{{ input.q }}\"}"}""");
            var review = await TestPipelines.AddHumanReviewStepAsync(db, key + "-review");
            var echo = await TestPipelines.AddTransformStepAsync(db, key + "-echo", """{"template":"{\"text\":\"{{ ir.review.label }}\"}"}""");
            await TestPipelines.AddPipelineAsync(db, key, null, new DagNode { Key = "extract", StepVersionId = extract },
                TestPipelines.HumanReview("review", review, "extract"), new DagNode { Key = "echo", StepVersionId = echo, DependsOn = ["review"] });
            definition = await db.PipelineDefinitions.Where(p => p.Key == key).Select(p => p.Id).SingleAsync();
            for (var i = 0; i < 3; i++) PipelineEvaluationSetup.AddExample(db, definition, $$$"""{"q":"r{{{i}}}"}""", $$$"""{"echo":{"text":"r{{{i}}}"}}""", []);
            await db.SaveChangesAsync();
        }
        await console.App.Services.GetRequiredService<AiFlow.Infrastructure.GroundTruth.DatasetService>()
            .SnapshotAsync(GroundTruthScope.Pipeline, definition, "manual", "tester", null, CancellationToken.None);
        int reviewItems;
        await using (var db = console.Database.CreateContext()) reviewItems = await db.ReviewItems.CountAsync();
        using var client = ReviewRunSupport.Client(console);

        var evaluation = await EvaluationSeed.WaitForAsync(client, await StartAsync(client, $$$"""{"target":{"pipeline":"{{{key}}}","version":1}}"""));

        Assert.Equal(("Completed", 0), (evaluation["status"]!.GetValue<string>(), evaluation["progress"]!["errored"]!.GetValue<int>()));
        Assert.Equal(1, Aggregate(evaluation, "echo.exact_match")["candidate"]!["value"]!.GetValue<double>());
        await using var check = console.Database.CreateContext();
        Assert.Equal(reviewItems, await check.ReviewItems.CountAsync());
    }

    [Fact]
    public async Task A_resumed_pipeline_evaluation_scores_only_the_cases_it_had_not_committed()
    {
        var setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(console, 5);
        Guid id;
        List<Guid> committed;
        await using (var db = console.Database.CreateContext())
        {
            var dataset = await db.DatasetVersions.SingleAsync(d => d.Scope == GroundTruthScope.Pipeline && d.ScopeId == setup.PipelineDefinition);
            committed = await db.DatasetVersionItems.Where(i => i.DatasetVersionId == dataset.Id).OrderBy(i => i.GroundTruthExampleId).Select(i => i.GroundTruthExampleId).Take(2).ToListAsync();
            // As a worker leaves it when it dies after its first batch: running, two cases committed on both sides, no Quartz job.
            var interrupted = new EvaluationRun
            {
                TargetKind = EvaluationTargetKind.Pipeline, TargetKey = setup.PipelineKey, PipelineVersionId = setup.PipelineV2, TargetVersion = 2,
                BaselineVersionId = setup.PipelineV1, BaselineVersion = 1, DatasetVersionId = dataset.Id, DatasetNumber = dataset.Number,
                Status = EvaluationStatus.Running, CasesTotal = 5, CasesDone = 2, CreatedAt = DateTimeOffset.UtcNow, StartedAt = DateTimeOffset.UtcNow,
            };
            db.EvaluationRuns.Add(interrupted);
            foreach (var example in committed)
            {
                foreach (var side in new[] { EvaluationSide.Candidate, EvaluationSide.Baseline })
                {
                    var version = await db.DatasetVersionItems.Where(i => i.DatasetVersionId == dataset.Id && i.GroundTruthExampleId == example).Select(i => i.GroundTruthVersionId).SingleAsync();
                    db.EvaluationResults.Add(new EvaluationResult
                    {
                        EvaluationRunId = interrupted.Id, GroundTruthExampleId = example, GroundTruthVersionId = version, Side = side, ActualIrJson = """{"committed":true}""",
                        Metrics = new() { ["extract.exact_match"] = side == EvaluationSide.Candidate ? 0 : 1 }, CreatedAt = DateTimeOffset.UtcNow,
                    });
                }
            }
            await db.SaveChangesAsync();
            id = interrupted.Id;
        }

        var status = await console.App.Services.GetRequiredService<EvaluationExecutor>().ExecuteAsync(id, CancellationToken.None);

        Assert.Equal(EvaluationStatus.Completed, status);
        await using var check = console.Database.CreateContext();
        var results = await check.EvaluationResults.Where(r => r.EvaluationRunId == id).ToListAsync();
        Assert.Equal(10, results.Count);
        Assert.Equal(10, results.Select(r => (r.GroundTruthExampleId, r.Side)).Distinct().Count());
        // The results committed before the crash are kept as they were (jsonb spaces the stored document its own way).
        Assert.Equal(4, results.Count(r => r.ActualIrJson!.Contains("committed", StringComparison.Ordinal)));
        var calls = await check.AiRequestLogs.Where(l => l.IdempotencyKey!.StartsWith($"eval:{id:N}:")).Select(l => l.IdempotencyKey!).ToListAsync();
        Assert.Equal(6, calls.Count);
        Assert.DoesNotContain(calls, k => committed.Any(c => k.Contains(c.ToString("N"), StringComparison.Ordinal)));
        var evaluation = await check.EvaluationRuns.SingleAsync(e => e.Id == id);
        Assert.Equal(5, evaluation.CasesDone);
    }
}
