using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AiFlow.Tests.Infrastructure.Evaluation;

/// <summary>
/// kill -9 of a worker mid-way through an end-to-end pipeline evaluation: a restarted worker resumes it through Quartz
/// recovery, every case and side is scored once, and no case whose result was committed calls its model again.
/// </summary>
[Collection(QuietCollection.Name)]
public sealed class PipelineEvaluationCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "afk_pipe_eval_crash_key_00000000";
    private const int Cases = 24;
    private EvaluationWorkers run = null!;

    public async Task InitializeAsync() => run = await EvaluationWorkers.StartAsync(ApiKey);

    public async Task DisposeAsync() => await run.DisposeAsync();

    [Fact]
    public async Task A_killed_workers_pipeline_evaluation_is_resumed_by_a_restarted_worker_and_no_scored_case_runs_twice()
    {
        PipelineEvaluationSetup.Setup setup;
        await using (var host = new ReviewTestHost(run.Database, TimeProvider.System))
        {
            setup = await PipelineEvaluationSetup.AddPipelineWithTruthAsync(run.Database, host.Datasets, Cases, run.Simulator.BaseUrl, "sim-chat@latency=250");
        }
        var (first, url) = await StartWorkerAsync();
        using var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative),
            new StringContent($$$"""{"target":{"pipeline":"{{{setup.PipelineKey}}}","version":2},"baseline":{"version":1}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();

        await WaitUntilAsync(async db => await db.EvaluationResults.CountAsync(r => r.EvaluationRunId == id) >= 8, 90);
        first.KillHard();
        List<string> scored;
        await using (var db = run.Database.CreateContext())
        {
            // The summary node is the pipeline's one model call; its key names the evaluation, the case, the side and the node.
            scored = [.. (await db.EvaluationResults.Where(r => r.EvaluationRunId == id).Select(r => new { r.GroundTruthExampleId, r.Side }).ToListAsync())
                .Select(r => $"eval:{id:N}:{r.GroundTruthExampleId:N}:{r.Side}:summary:1")];
        }
        Assert.True(scored.Count < Cases * 2, "the evaluation finished before the kill; nothing was resumed");
        Assert.All(scored, k => Assert.Equal(1, run.Simulator.Stats.CallsFor(k)));
        var clock = Stopwatch.StartNew();
        await StartWorkerAsync();

        await WaitUntilAsync(async db => await db.EvaluationRuns.AnyAsync(e => e.Id == id && e.Status == EvaluationStatus.Completed), 180);
        output.WriteLine($"resumed and completed {clock.Elapsed.TotalSeconds:0.0} s after kill -9; {scored.Count} of {Cases * 2} results were committed before it");
        await using var check = run.Database.CreateContext();
        var results = await check.EvaluationResults.Where(r => r.EvaluationRunId == id).ToListAsync();
        Assert.Equal(Cases * 2, results.Count);
        Assert.Equal(Cases * 2, results.Select(r => (r.GroundTruthExampleId, r.Side)).Distinct().Count());
        Assert.DoesNotContain(results, r => r.Errored);
        foreach (var keyOfCase in scored)
        {
            Assert.True(run.Simulator.Stats.CallsFor(keyOfCase) == 1, $"scored case {keyOfCase} was called {run.Simulator.Stats.CallsFor(keyOfCase)} times");
        }
        var evaluation = await check.EvaluationRuns.SingleAsync(e => e.Id == id);
        Assert.Equal(Cases, evaluation.CasesDone);
        Assert.NotEmpty(evaluation.Aggregates);
    }

    private Task<(WorkerProcess Worker, Uri Url)> StartWorkerAsync() => run.StartWorkerAsync();

    private Task WaitUntilAsync(Func<AiFlow.Infrastructure.Persistence.AiFlowDbContext, Task<bool>> condition, int seconds) => run.WaitUntilAsync(condition, seconds);
}
