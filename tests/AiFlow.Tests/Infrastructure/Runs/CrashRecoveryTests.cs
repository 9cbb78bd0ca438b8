using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>kill -9 of a worker process mid-run: another process reclaims the run and nothing committed runs twice.</summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "afk_crash_test_key_000000000";
    private TestDatabase database = null!;
    private SimulatorServer simulator = null!;
    private readonly List<WorkerProcess> workers = [];

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        simulator = await SimulatorServer.StartAsync(new SimulatorOptions());
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in workers) await worker.DisposeAsync();
        await simulator.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_killed_worker_is_replaced_by_a_restarted_one_and_no_committed_step_runs_twice()
    {
        var key = await AddChainAsync(steps: 6, latencyMs: 700);
        var (a, aUrl) = await StartWorkerAsync();
        var runId = await StartRunAsync(aUrl, key);

        await WaitUntilAsync(async db => await db.StepRuns.CountAsync(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Completed) >= 2, 60);
        a.KillHard();
        var killedAt = Stopwatch.StartNew();
        var committed = await CommittedKeysAsync(runId);

        var (_, _) = await StartWorkerAsync();
        var reclaimed = await WaitForReclaimAsync(runId, a.Pid);
        output.WriteLine($"reclaimed {reclaimed.TotalSeconds:0.0} s after kill -9");
        await AssertCompletedWithoutRepeatsAsync(runId, committed, steps: 6);
        Assert.True(reclaimed < TimeSpan.FromSeconds(30), $"the orphaned run was reclaimed after {reclaimed.TotalSeconds:0.0} s");
        Assert.True(killedAt.Elapsed < TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task With_two_workers_the_survivor_takes_over_the_run_of_the_killed_one()
    {
        var key = await AddChainAsync(steps: 6, latencyMs: 700);
        var (first, firstUrl) = await StartWorkerAsync();
        var (second, _) = await StartWorkerAsync();
        var runId = await StartRunAsync(firstUrl, key);

        await WaitUntilAsync(async db => await db.StepRuns.CountAsync(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Completed) >= 2, 60);
        var owner = await LeaseOwnerAsync(runId);
        var victim = owner?.Contains($":{first.Pid}:", StringComparison.Ordinal) == true ? first : second;
        victim.KillHard();
        var committed = await CommittedKeysAsync(runId);

        var reclaimed = await WaitForReclaimAsync(runId, victim.Pid);
        output.WriteLine($"survivor reclaimed the run {reclaimed.TotalSeconds:0.0} s after kill -9 of pid {victim.Pid}");
        await AssertCompletedWithoutRepeatsAsync(runId, committed, steps: 6);
        Assert.True(reclaimed < TimeSpan.FromSeconds(30), $"the orphaned run was reclaimed after {reclaimed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Progress_of_a_run_executed_by_another_process_reaches_this_nodes_subscribers()
    {
        var key = await AddChainAsync(steps: 3, latencyMs: 100);
        var notifier = new AiFlow.Infrastructure.Runs.Execution.RunProgressNotifier();
        using var listener = new AiFlow.Infrastructure.Runs.Execution.RunProgressListener(new TestContextFactory(database), notifier,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AiFlow.Infrastructure.Runs.Execution.RunProgressListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        var (_, url) = await StartWorkerAsync();
        var events = new System.Collections.Concurrent.ConcurrentQueue<Guid>();
        using var subscription = notifier.Subscribe(events.Enqueue);
        await Task.Delay(300); // LISTEN is issued once the listener's connection is open.

        var runId = await StartRunAsync(url, key);

        await WaitUntilAsync(async db => await db.PipelineRuns.AnyAsync(r => r.Id == runId && r.Status == RunStatus.Completed), 60);
        var clock = Stopwatch.StartNew();
        // Each of the three steps' completions NOTIFYs from the worker's commit.
        while (events.Count(e => e == runId) < 3 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
        Assert.True(events.Count(e => e == runId) >= 3, $"this process heard {events.Count(e => e == runId)} progress events of a run another process executed");
        await listener.StopAsync(CancellationToken.None);
    }

    private async Task<string> AddChainAsync(int steps, int latencyMs)
    {
        var key = "crash-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, simulator.BaseUrl, $"sim-chat@latency={latencyMs}");
        var step = await TestPipelines.AddLlmStepAsync(db, "summarise-" + key, route,
            """{"type":"object","required":["summary"],"properties":{"summary":{"type":"string"}}}""", "Summarise: {{ input.text }} {{ params.n }}");
        var nodes = Enumerable.Range(1, steps).Select(i => TestPipelines.Llm($"s{i}", step, i == 1 ? [] : [$"s{i - 1}"])).ToArray();
        await TestPipelines.AddPipelineAsync(db, key, null, nodes);
        return key;
    }

    private async Task<(WorkerProcess Worker, Uri Url)> StartWorkerAsync()
    {
        var started = await WorkerProcess.StartListeningAsync(database.ConnectionString, new Dictionary<string, string>
        {
            ["AiFlow__DemoMode"] = "true",
            ["AIFLOW_DEMO_API_KEY"] = ApiKey,
            ["AiFlow__Inference__AllowedHosts__0"] = new Uri(simulator.BaseUrl).Authority,
            ["AiFlow__Execution__LeaseSeconds"] = "10",
            ["AiFlow__Execution__HeartbeatSeconds"] = "2",
        });
        workers.Add(started.Worker);
        return started;
    }

    private static async Task<Guid> StartRunAsync(Uri url, string key)
    {
        using var client = new HttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        var response = await client.PostAsync(new Uri($"/api/pipelines/{key}/runs", UriKind.Relative),
            new StringContent("""{"input":{"text":"The pump in hall 3 failed twice this week."}}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!["runId"]!.GetValue<Guid>();
    }

    private async Task<Dictionary<string, string>> CommittedKeysAsync(Guid runId)
    {
        await using var db = database.CreateContext();
        return await db.StepRuns.Where(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Completed)
            .ToDictionaryAsync(s => s.NodeKey, s => s.IdempotencyKey);
    }

    private async Task<string?> LeaseOwnerAsync(Guid runId)
    {
        await using var db = database.CreateContext();
        return await db.PipelineRuns.Where(r => r.Id == runId).Select(r => r.LeaseOwner).FirstAsync();
    }

    /// <summary>Time from now (just after the kill) until a live process other than the victim holds the run.</summary>
    private async Task<TimeSpan> WaitForReclaimAsync(Guid runId, int victimPid)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            await using var db = database.CreateContext();
            var run = await db.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
            if ((run.LeaseOwner is { } o && !o.Contains($":{victimPid}:", StringComparison.Ordinal)) || run.Status == RunStatus.Completed) return clock.Elapsed;
            await Task.Delay(200);
        }
        throw new TimeoutException("No worker reclaimed the run within 90 s:\n" + string.Join("\n---\n", workers.Select(w => w.Output[^Math.Min(3000, w.Output.Length)..])));
    }

    private async Task AssertCompletedWithoutRepeatsAsync(Guid runId, Dictionary<string, string> committed, int steps)
    {
        await WaitUntilAsync(async db => await db.PipelineRuns.AnyAsync(r => r.Id == runId && (r.Status == RunStatus.Completed || r.Status == RunStatus.Failed)), 90);
        await using var check = database.CreateContext();
        var run = await check.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
        Assert.True(run.Status == RunStatus.Completed, $"run ended {run.Status}: {run.Error}");
        var completed = await check.StepRuns.Where(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Completed).ToListAsync();
        Assert.Equal(steps, completed.Count);
        Assert.Equal(steps, completed.Select(s => s.NodeKey).Distinct().Count());
        Assert.NotEmpty(committed);
        foreach (var (node, idempotencyKey) in committed)
        {
            Assert.True(simulator.Stats.CallsFor(idempotencyKey) == 1, $"committed step {node} was called {simulator.Stats.CallsFor(idempotencyKey)} times");
        }
    }

    private async Task WaitUntilAsync(Func<AiFlow.Infrastructure.Persistence.AiFlowDbContext, Task<bool>> condition, int seconds)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            await using var db = database.CreateContext();
            if (await condition(db)) return;
            await Task.Delay(150);
        }
        throw new TimeoutException($"Condition not met within {seconds} s:\n" + string.Join("\n---\n", workers.Select(w => w.Output[^Math.Min(3000, w.Output.Length)..])));
    }
}
