using AiFlow.Domain.Access;
using AiFlow.Domain.Budgets;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Budgets;

/// <summary>
/// Budgets against the real engine, gateway and simulator: a hard limit refuses a run's model call before any endpoint
/// is tried, and spend is attributed to the run's pipeline and to the API key that launched it.
/// </summary>
public sealed class BudgetGuardEngineTests : EngineTestBase
{
    private const string Schema = """{"type":"object","required":["answer"],"properties":{"answer":{"type":"string"}}}""";

    private Task<RunStatus?> ExecuteAsync(Guid runId) => Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);

    private BudgetService Budgets => Engine.Services.GetRequiredService<BudgetService>();

    private async Task<(string Key, Guid PipelineId)> AddLlmPipelineAsync(string prefix)
    {
        var key = prefix + "-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = Database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
        var llm = await TestPipelines.AddLlmStepAsync(db, "l-" + key, route, Schema, "Answer about {{ input.topic }}.");
        await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Llm("ask", llm));
        return (key, await db.PipelineDefinitions.Where(p => p.Key == key).Select(p => p.Id).SingleAsync());
    }

    private async Task<Guid> AddRunAsync(string key, Guid? apiKeyId = null)
    {
        await using var db = Database.CreateContext();
        var runId = await TestPipelines.AddQueuedRunAsync(db, key, """{"topic":"pumps"}""");
        if (apiKeyId is not null) await db.PipelineRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ApiKeyId, apiKeyId));
        return runId;
    }

    /// <summary>A booked call of <paramref name="usd"/> on a finished run of the pipeline, as the gateway books one.</summary>
    private async Task BookSpendAsync(Guid pipelineId, decimal usd)
    {
        await using var db = Database.CreateContext();
        var version = await db.PipelineVersions.Where(v => v.PipelineDefinitionId == pipelineId).Select(v => v.Id).FirstAsync();
        var step = await db.StepVersions.Select(s => s.Id).FirstAsync();
        var run = TestRuns.Run((pipelineId, version, step), DateTimeOffset.UtcNow, RunStatus.Completed, usd, 10);
        var stepRun = TestRuns.Step(run, step, "ask", StepRunStatus.Completed, 10, usd, 10);
        db.AddRange(run, stepRun, new AiRequestLog
        {
            EndpointName = "earlier", Model = "sim-chat", TaskType = "structured", CostUsd = usd, Status = "ok", StepRunId = stepRun.Id,
            Attempt = 1, CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private async Task<Guid> AddApiKeyAsync(string name)
    {
        await using var db = Database.CreateContext();
        var key = new ApiKey { Name = name, Prefix = name, KeyHash = Guid.NewGuid().ToString("N"), Role = Roles.Ops, CreatedAt = DateTimeOffset.UtcNow };
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return key.Id;
    }

    [Fact]
    public async Task A_run_past_its_pipelines_hard_limit_fails_naming_the_budget_and_calls_no_endpoint_while_another_pipeline_runs()
    {
        var capped = await AddLlmPipelineAsync("capped");
        var free = await AddLlmPipelineAsync("free");
        await BookSpendAsync(capped.PipelineId, 12.40m);
        var saved = await Budgets.CreateAsync(new BudgetInput("cap", BudgetScope.Pipeline, capped.Key, null, BudgetPeriod.Month, 12.00m, null), "test", CancellationToken.None);
        Assert.Equal(BudgetSaveOutcome.Saved, saved.Outcome);
        Simulator.Stats.Reset();

        var refused = await AddRunAsync(capped.Key);
        Assert.Equal(RunStatus.Failed, await ExecuteAsync(refused));

        Assert.Equal(0, Simulator.Stats.TotalRequests);
        await using var db = Database.CreateContext();
        var step = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == refused).OrderBy(s => s.Attempt).FirstAsync();
        Assert.StartsWith("Budget 'cap' (month) spent $12.40 of $12.00", step.Error, StringComparison.Ordinal);
        // The run names its failed node (the engine's run error); the node's error names the budget.
        Assert.Equal("Failed nodes: ask", (await db.PipelineRuns.AsNoTracking().SingleAsync(r => r.Id == refused)).Error);
        Assert.All(await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == refused).ToListAsync(),
            s => Assert.StartsWith("Budget 'cap' (month) spent $12.40 of $12.00: its hard limit refuses new model calls", s.Error, StringComparison.Ordinal));
        Assert.False(await db.AiRequestLogs.AnyAsync(l => l.StepRunId == step.Id));

        Assert.Equal(RunStatus.Completed, await ExecuteAsync(await AddRunAsync(free.Key)));
        Assert.True(Simulator.Stats.TotalRequests > 0);
    }

    [Fact]
    public async Task Raising_an_exhausted_budget_lets_the_next_call_through_at_once()
    {
        var pipeline = await AddLlmPipelineAsync("raise");
        await BookSpendAsync(pipeline.PipelineId, 5m);
        var input = new BudgetInput("day cap", BudgetScope.Pipeline, pipeline.Key, null, BudgetPeriod.Day, 5m, null);
        var id = (await Budgets.CreateAsync(input, "test", CancellationToken.None)).Id!.Value;
        Assert.Equal(RunStatus.Failed, await ExecuteAsync(await AddRunAsync(pipeline.Key)));

        Assert.Equal(BudgetSaveOutcome.Saved, (await Budgets.UpdateAsync(id, input with { AmountUsd = 50m }, CancellationToken.None)).Outcome);

        Assert.Equal(RunStatus.Completed, await ExecuteAsync(await AddRunAsync(pipeline.Key)));
    }

    [Fact]
    public async Task Spend_is_attributed_to_the_api_key_that_launched_the_run_and_that_keys_hard_limit_refuses_only_its_runs()
    {
        var pipeline = await AddLlmPipelineAsync("keys");
        var mine = await AddApiKeyAsync("mine-" + Guid.NewGuid().ToString("N")[..6]);
        var theirs = await AddApiKeyAsync("theirs-" + Guid.NewGuid().ToString("N")[..6]);
        foreach (var (name, key) in new[] { ("mine", mine), ("theirs", theirs) })
        {
            var created = await Budgets.CreateAsync(new BudgetInput(name, BudgetScope.ApiKey, null, key, BudgetPeriod.Week, 100m, null), "test", CancellationToken.None);
            Assert.Equal(BudgetSaveOutcome.Saved, created.Outcome);
        }
        Assert.Equal(BudgetSaveOutcome.Saved, (await Budgets.CreateAsync(
            new BudgetInput("all", BudgetScope.Global, null, null, BudgetPeriod.Week, 100m, null), "test", CancellationToken.None)).Outcome);

        var launched = await AddRunAsync(pipeline.Key, mine);
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(launched));

        decimal cost;
        await using (var db = Database.CreateContext())
        {
            cost = await db.AiRequestLogs.Where(l => db.StepRuns.Any(s => s.Id == l.StepRunId && s.PipelineRunId == launched)).SumAsync(l => l.CostUsd);
        }
        Assert.True(cost > 0);
        var spend = (await Engine.Services.GetRequiredService<BudgetSpendReader>().ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None))
            .ToDictionary(b => b.Name, b => b.SpentUsd);
        Assert.Equal(cost, spend["mine"]);
        Assert.Equal(0m, spend["theirs"]);
        Assert.Equal(cost, spend["all"]);

        // Shrink "mine" below what its run spent: its next run is refused, a run launched from the console is not.
        var mineId = (await Engine.Services.GetRequiredService<BudgetSpendReader>().ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Single(b => b.Name == "mine").Id;
        await Budgets.UpdateAsync(mineId, new BudgetInput("mine", BudgetScope.ApiKey, null, mine, BudgetPeriod.Week, cost / 2, null), CancellationToken.None);
        Simulator.Stats.Reset();
        Assert.Equal(RunStatus.Failed, await ExecuteAsync(await AddRunAsync(pipeline.Key, mine)));
        Assert.Equal(0, Simulator.Stats.TotalRequests);
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(await AddRunAsync(pipeline.Key)));
    }

    [Fact]
    public async Task The_soft_limit_is_reached_at_its_percent_of_the_amount_with_the_deployment_default_when_the_budget_sets_none()
    {
        var pipeline = await AddLlmPipelineAsync("soft");
        await BookSpendAsync(pipeline.PipelineId, 8m);
        await Budgets.CreateAsync(new BudgetInput("default soft", BudgetScope.Pipeline, pipeline.Key, null, BudgetPeriod.Month, 10m, null), "test", CancellationToken.None);
        await Budgets.CreateAsync(new BudgetInput("strict soft", BudgetScope.Pipeline, pipeline.Key, null, BudgetPeriod.Day, 10m, 90), "test", CancellationToken.None);

        var budgets = (await Engine.Services.GetRequiredService<BudgetSpendReader>().ReadAsync(DateTimeOffset.UtcNow, CancellationToken.None)).ToDictionary(b => b.Name);

        Assert.Equal((80, true, false), (budgets["default soft"].SoftLimitPercent, budgets["default soft"].SoftLimitReached, budgets["default soft"].Exhausted));
        Assert.Equal((90, false), (budgets["strict soft"].SoftLimitPercent, budgets["strict soft"].SoftLimitReached));
        // Under the hard limit: the run goes ahead.
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(await AddRunAsync(pipeline.Key)));
    }
}
