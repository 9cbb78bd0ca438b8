using System.Globalization;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>
/// The real engine as the console wires it (no Quartz: the job body is called directly) against a real database and
/// the simulator, counted by PostgreSQL itself: issue 5 allows at most 3 commits per step.
/// </summary>
[Collection(QuietCollection.Name)]
public sealed class EngineCommitBudgetTests(ITestOutputHelper output) : EngineTestBase
{
    [Fact]
    public async Task A_ten_step_llm_chain_commits_at_most_three_times_per_step_accounting_and_run_bookkeeping_included()
    {
        const int steps = 10;
        var executor = Engine.Services.GetRequiredService<RunExecutor>();
        // A warm-up run first: opening a connection costs PostgreSQL two commits of its own, and a long-running worker
        // has its pool open already, so a cold pool would charge the steps for it (more so on a loaded machine).
        Assert.Equal(RunStatus.Completed, await executor.ExecuteAsync(await AddQueuedChainRunAsync(steps), CancellationToken.None));
        var runId = await AddQueuedChainRunAsync(steps);

        var before = await Database.CommittedTransactionsAsync();
        var status = await executor.ExecuteAsync(runId, CancellationToken.None);
        var commits = await Database.CommittedTransactionsAsync() - before;

        Assert.Equal(RunStatus.Completed, status);
        output.WriteLine($"{commits} commits for {steps} steps: {(double)commits / steps:0.00} per step");
        Assert.True(commits <= 3 * steps, $"{commits} commits for {steps} steps");
        await using var db = Database.CreateContext();
        var completed = await db.StepRuns.Where(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Completed).Select(s => s.Id).ToListAsync();
        Assert.Equal(steps, completed.Count);
        // The gateway's rows were committed with their steps, none lost or doubled.
        Assert.Equal(steps, await db.AiRequestLogs.CountAsync(l => l.StepRunId != null && completed.Contains(l.StepRunId.Value)));
    }

    [Fact]
    public async Task A_run_adds_up_its_steps_usage_and_ends_with_its_lease_released()
    {
        var runId = await AddQueuedChainRunAsync(3);

        Assert.Equal(RunStatus.Completed, await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));

        await using var db = Database.CreateContext();
        var run = await db.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
        var stepsRun = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId).ToListAsync();
        Assert.True(run.TokensIn > 0);
        Assert.Equal(stepsRun.Sum(s => s.TokensIn), run.TokensIn);
        Assert.Equal(stepsRun.Sum(s => s.TokensOut), run.TokensOut);
        Assert.Equal(stepsRun.Sum(s => s.CostUsd), run.CostUsd);
        Assert.Null(run.LeaseOwner);
        Assert.Null(run.Error);
        Assert.NotNull(run.FinishedAt);
        Assert.All(stepsRun, s => Assert.True(s.StartedAt <= s.FinishedAt, $"{s.NodeKey} finished before it started"));
    }

    [Fact]
    public async Task A_step_that_keeps_failing_fails_the_run_with_its_error_and_books_every_attempt()
    {
        var runId = await AddQueuedChainRunAsync(2, lastModel: "sim-chat@fault=500");

        Assert.Equal(RunStatus.Failed, await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));

        await using var db = Database.CreateContext();
        var run = await db.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
        Assert.Equal("Failed nodes: s2", run.Error);
        Assert.Null(run.LeaseOwner);
        Assert.NotNull(run.FinishedAt);
        var attempts = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId && s.NodeKey == "s2").OrderBy(s => s.Attempt).ToListAsync();
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal(StepRunStatus.Failed, a.Status));
        var ids = attempts.Select(a => a.Id).ToList();
        // Each failed attempt's calls (the gateway retries a 500 on the same endpoint) committed with the attempt.
        Assert.All(ids, id => Assert.True(db.AiRequestLogs.Any(l => l.StepRunId == id)));
    }

    [Fact]
    public async Task A_run_cancelled_during_a_long_call_stops_within_a_heartbeat_and_writes_nothing_more()
    {
        // A 1 s heartbeat: the lease keeper notices the cancel within about a second.
        using var fast = BuildEngine(heartbeatSeconds: 1);
        var runId = await AddQueuedChainRunAsync(2, firstModel: "sim-chat@latency=20000");
        var executing = fast.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);
        await using (var db = Database.CreateContext())
        {
            for (var i = 0; i < 200 && !await db.StepRuns.AnyAsync(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Running); i++) await Task.Delay(50);
        }

        Assert.True(await fast.Services.GetRequiredService<AiFlow.Infrastructure.Runs.RunOperations>().CancelAsync(runId, CancellationToken.None));
        var stopped = System.Diagnostics.Stopwatch.StartNew();

        Assert.Null(await executing.WaitAsync(TimeSpan.FromSeconds(15)));
        // Heartbeat 1 s here: the lease keeper looks twice a second and stops the run at its first refused renewal.
        Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(5), $"stopped {stopped.Elapsed.TotalSeconds:0.0} s after the cancel");
        await using var check = Database.CreateContext();
        Assert.Equal(RunStatus.Cancelled, (await check.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId)).Status);
        Assert.Equal(["s1"], await check.StepRuns.Where(s => s.PipelineRunId == runId).Select(s => s.NodeKey).ToListAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_worker_whose_run_was_taken_over_during_a_step_saves_nothing_of_it_and_stops(bool newHolderStartedTheNextStep)
    {
        // A heartbeat longer than the test: the step's commit, not the lease keeper, is what must find the lease gone.
        using var engine = BuildEngine(heartbeatSeconds: 120);
        var runId = await AddQueuedChainRunAsync(2, firstModel: "sim-chat@latency=1500");
        var executing = engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);
        await using (var db = Database.CreateContext())
        {
            for (var i = 0; i < 200 && !await db.StepRuns.AnyAsync(s => s.PipelineRunId == runId && s.Status == StepRunStatus.Running); i++) await Task.Delay(25);
            var first = await db.StepRuns.AsNoTracking().SingleAsync(s => s.PipelineRunId == runId);
            Assert.Equal(StepRunStatus.Running, first.Status);
            // Another worker takes the run over while s1's call is in flight...
            await db.Database.ExecuteSqlAsync($"UPDATE pipeline_runs SET fencing_token = fencing_token + 1, lease_owner = 'other-worker' WHERE id = {runId}");
            if (newHolderStartedTheNextStep)
            {
                // ...and has already started the attempt this worker's commit would start: the same idempotency key.
                db.StepRuns.Add(new StepRun
                {
                    PipelineRunId = runId, NodeKey = "s2", StepVersionId = first.StepVersionId, Attempt = 1, Status = StepRunStatus.Running,
                    ParamsJson = "{}", IdempotencyKey = $"{runId:N}:s2:1", StartedAt = DateTimeOffset.UtcNow,
                });
                await db.SaveChangesAsync();
            }
        }

        Assert.Null(await executing.WaitAsync(TimeSpan.FromSeconds(20)));

        await using var check = Database.CreateContext();
        var run = await check.PipelineRuns.AsNoTracking().FirstAsync(r => r.Id == runId);
        Assert.Equal(("other-worker", RunStatus.Running, 0), (run.LeaseOwner, run.Status, run.TokensIn));
        var steps = await check.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId).OrderBy(s => s.NodeKey).ToListAsync();
        // s1's completion was refused with everything that came with it: no output, no next step of this worker's.
        Assert.Equal(StepRunStatus.Running, steps[0].Status);
        Assert.Null(steps[0].FinishedAt);
        Assert.False(await check.IrArtifacts.AnyAsync(a => a.StepRunId == steps[0].Id));
        Assert.Equal(newHolderStartedTheNextStep ? ["s1", "s2"] : ["s1"], steps.Select(s => s.NodeKey));
        // The call was made all the same, so it is booked, on its own, against s1.
        for (var i = 0; i < 100 && !await check.AiRequestLogs.AnyAsync(l => l.StepRunId == steps[0].Id); i++) await Task.Delay(50);
        Assert.True(await check.AiRequestLogs.AnyAsync(l => l.StepRunId == steps[0].Id), "the refused step's call was not booked");
    }

    private async Task<Guid> AddQueuedChainRunAsync(int steps, string lastModel = "sim-chat", string firstModel = "sim-chat")
    {
        var key = "budget-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = Database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, firstModel);
        var lastRoute = lastModel == firstModel ? route : await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, lastModel);
        const string schema = """{"type":"object","required":["answer"],"properties":{"answer":{"type":"string"}}}""";
        const string prompt = "Answer about {{ input.topic }} ({{ params.n }}).";
        var step = await TestPipelines.AddLlmStepAsync(db, "answer-" + key, route, schema, prompt);
        var lastStep = lastRoute == route ? step : await TestPipelines.AddLlmStepAsync(db, "last-" + key, lastRoute, schema, prompt);
        var nodes = Enumerable.Range(1, steps).Select(i =>
        {
            var node = TestPipelines.Llm($"s{i}", i == steps ? lastStep : step, i == 1 ? [] : [$"s{i - 1}"]);
            node.Params = new System.Text.Json.Nodes.JsonObject { ["n"] = i.ToString(CultureInfo.InvariantCulture) };
            return node;
        }).ToArray();
        await TestPipelines.AddPipelineAsync(db, key, null, nodes);
        return await TestPipelines.AddQueuedRunAsync(db, key, """{"topic":"pumps"}""");
    }
}
