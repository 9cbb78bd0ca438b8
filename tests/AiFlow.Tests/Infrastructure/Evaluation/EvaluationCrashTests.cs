using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AiFlow.Tests.Infrastructure.Evaluation;

/// <summary>kill -9 of a worker mid-evaluation: a restarted worker resumes it through Quartz recovery, and no scored case runs twice.</summary>
[Collection(QuietCollection.Name)]
public sealed class EvaluationCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "afk_eval_crash_key_0000000000";
    private const int Cases = 24;
    private EvaluationWorkers run = null!;

    public async Task InitializeAsync() => run = await EvaluationWorkers.StartAsync(ApiKey);

    public async Task DisposeAsync() => await run.DisposeAsync();

    [Fact]
    public async Task A_killed_workers_evaluation_is_resumed_by_a_restarted_worker_and_no_scored_case_runs_twice()
    {
        var key = await AddStepWithTruthAsync();
        var (first, url) = await StartWorkerAsync();
        using var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var started = await client.PostAsync(new Uri("/api/evaluations", UriKind.Relative),
            new StringContent($$$"""{"target":{"step":"{{{key}}}","version":2},"baseline":{"version":1}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonNode>())!["evaluationId"]!.GetValue<Guid>();

        await WaitUntilAsync(async db => await db.EvaluationResults.CountAsync(r => r.EvaluationRunId == id) >= 8, 60);
        first.KillHard();
        List<string> scored;
        await using (var db = run.Database.CreateContext())
        {
            scored = [.. (await db.EvaluationResults.Where(r => r.EvaluationRunId == id).Select(r => new { r.GroundTruthExampleId, r.Side }).ToListAsync())
                .Select(r => $"eval:{id:N}:{r.GroundTruthExampleId:N}:{r.Side}")];
        }
        Assert.True(scored.Count < Cases * 2, "the evaluation finished before the kill; nothing was resumed");
        var clock = Stopwatch.StartNew();
        await StartWorkerAsync();

        await WaitUntilAsync(async db => await db.EvaluationRuns.AnyAsync(e => e.Id == id && e.Status == EvaluationStatus.Completed), 120);
        output.WriteLine($"resumed and completed {clock.Elapsed.TotalSeconds:0.0} s after kill -9; {scored.Count} of {Cases * 2} results were committed before it");
        await using var check = run.Database.CreateContext();
        var results = await check.EvaluationResults.Where(r => r.EvaluationRunId == id).ToListAsync();
        Assert.Equal(Cases * 2, results.Count);
        Assert.Equal(Cases * 2, results.Select(r => (r.GroundTruthExampleId, r.Side)).Distinct().Count());
        foreach (var keyOfCase in scored)
        {
            Assert.True(run.Simulator.Stats.CallsFor(keyOfCase) == 1, $"scored case {keyOfCase} was called {run.Simulator.Stats.CallsFor(keyOfCase)} times");
        }
        var evaluation = await check.EvaluationRuns.SingleAsync(e => e.Id == id);
        Assert.Equal(Cases, evaluation.CasesDone);
        Assert.NotEmpty(evaluation.Aggregates);
    }

    private async Task<string> AddStepWithTruthAsync()
    {
        var key = "evcrash-" + Guid.NewGuid().ToString("N")[..6];
        Guid definition;
        await using (var db = run.Database.CreateContext())
        {
            var route = await TestPipelines.AddRouteAsync(db, run.Simulator.BaseUrl, "sim-chat@latency=250", maxConcurrency: 4);
            const string schema = """{"type":"object","required":["summary"],"properties":{"summary":{"type":"string"}}}""";
            var v1 = await TestPipelines.AddLlmStepAsync(db, key, route, schema, "Summarise: {{ input.text }}");
            var first = await db.StepVersions.SingleAsync(v => v.Id == v1);
            definition = first.StepDefinitionId;
            var promptTemplate = await db.PromptTemplateVersions.Where(p => p.Id == first.PromptTemplateVersionId).Select(p => p.PromptTemplateId).SingleAsync();
            var prompt = new AiFlow.Domain.Prompts.PromptTemplateVersion
            {
                PromptTemplateId = promptTemplate, Number = 2, Template = "Summarise briefly: {{ input.text }}", SystemPrompt = "You answer in JSON.", CreatedAt = DateTimeOffset.UtcNow,
            };
            db.AddRange(prompt, new StepVersion
            {
                StepDefinitionId = definition, Number = 2, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow, ModelRouteId = route,
                IrSchemaVersionId = first.IrSchemaVersionId, PromptTemplateVersionId = prompt.Id, ValidationMode = first.ValidationMode,
            });
            await db.SaveChangesAsync();
        }
        await using var host = new ReviewTestHost(run.Database, TimeProvider.System);
        var lines = string.Join('\n', Enumerable.Range(0, Cases).Select(i => $$$"""{"input":{"text":"Pump {{{i}}} in hall {{{i % 4}}} failed."},"expected":{"summary":"Pump {{{i}}} failed."}}"""));
        Assert.True((await host.GroundTruth.ImportJsonlAsync(definition, lines, "tester", CancellationToken.None)).Succeeded);
        await host.Datasets.SnapshotAsync(GroundTruthScope.Step, definition, "manual", "tester", null, CancellationToken.None);
        return key;
    }

    private Task<(WorkerProcess Worker, Uri Url)> StartWorkerAsync() => run.StartWorkerAsync();

    private Task WaitUntilAsync(Func<AiFlow.Infrastructure.Persistence.AiFlowDbContext, Task<bool>> condition, int seconds) => run.WaitUntilAsync(condition, seconds);
}
