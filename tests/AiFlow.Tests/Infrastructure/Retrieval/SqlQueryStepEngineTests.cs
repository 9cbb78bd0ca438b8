using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Retrieval;

/// <summary>A pipeline with one sql_query node, run by the engine against the real database and the simulator over HTTP.</summary>
public sealed class SqlQueryStepEngineTests : EngineTestBase
{
    private const string SqlSchema = """{"type":"object","required":["sql"],"properties":{"sql":{"type":"string"}}}""";
    private const string Template = "Write one PostgreSQL SELECT over these views:\n{{ params.views_ddl }}\nQuestion: {{ input.question }}";

    private Task<RunStatus?> ExecuteAsync(Guid runId) => Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);

    private async Task<string> AddSqlPipelineAsync(params string[] views)
    {
        var key = "sql-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = Database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
        var step = await TestPipelines.AddLlmStepAsync(db, "q-" + key, route, SqlSchema, Template);
        var definitionId = await db.StepVersions.Where(v => v.Id == step).Select(v => v.StepDefinitionId).SingleAsync();
        await db.StepDefinitions.Where(d => d.Id == definitionId).ExecuteUpdateAsync(s => s.SetProperty(d => d.Kind, StepKind.SqlQuery));
        var ask = TestPipelines.Llm("ask", step);
        ask.Retries = 0;
        ask.Params = new JsonObject { ["views"] = new JsonArray([.. views.Select(v => (JsonNode)v)]), ["maxRows"] = 50 };
        await TestPipelines.AddPipelineAsync(db, key, null, ask);
        return key;
    }

    private async Task<Guid> AddRunAsync(string key, string question)
    {
        await using var db = Database.CreateContext();
        return await TestPipelines.AddQueuedRunAsync(db, key, new JsonObject { ["question"] = question }.ToJsonString());
    }

    private async Task<(StepRun Step, JsonNode? Ir, int ModelCalls)> StepOfAsync(Guid runId)
    {
        await using var db = Database.CreateContext();
        var step = await db.StepRuns.AsNoTracking().Include(s => s.Texts).Where(s => s.PipelineRunId == runId).OrderByDescending(s => s.Attempt).FirstAsync();
        var ir = await db.IrArtifacts.AsNoTracking().Where(a => a.StepRunId == step.Id).Select(a => a.IrJson).FirstOrDefaultAsync();
        var calls = await db.AiRequestLogs.CountAsync(l => l.StepRunId == step.Id);
        return (step, ir is null ? null : JsonNode.Parse(ir), calls);
    }

    [Fact]
    public async Task The_models_sql_runs_and_its_rows_become_the_ir_and_the_same_question_again_hits_the_cache()
    {
        var key = await AddSqlPipelineAsync("report_runs", "report_step_runs");
        var first = await AddRunAsync(key, "How many runs are there?");

        Assert.Equal(RunStatus.Completed, await ExecuteAsync(first));
        var (step, ir, calls) = await StepOfAsync(first);
        Assert.Equal(1, calls);
        Assert.Contains("CREATE VIEW report_runs (\n    run_id uuid,", step.RenderedPrompt(), StringComparison.Ordinal);
        Assert.Equal("select count(*) as n from report_runs", ir!["sql"]!.GetValue<string>());
        Assert.Equal("n", ir["columns"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("bigint", ir["columns"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(1, ir["row_count"]!.GetValue<int>());
        Assert.True(ir["rows"]![0]![0]!.GetValue<long>() >= 1);
        Assert.False(ir["truncated"]!.GetValue<bool>());
        Assert.False(ir["cached"]!.GetValue<bool>());

        var second = await AddRunAsync(key, "  How many RUNS are   there? ");
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(second));

        var (again, cachedIr, callsAgain) = await StepOfAsync(second);
        Assert.Equal(0, callsAgain);
        Assert.True(cachedIr!["cached"]!.GetValue<bool>());
        Assert.Equal("select count(*) as n from report_runs", cachedIr["sql"]!.GetValue<string>());
        Assert.True(cachedIr["rows"]![0]![0]!.GetValue<long>() >= 2);
        Assert.Null(again.RawResponse());
        await using var db = Database.CreateContext();
        Assert.Equal(1, await db.AiRequestLogs.CountAsync());
        var entry = await db.SqlQueryCache.AsNoTracking().SingleAsync();
        Assert.Equal(1, entry.Hits);
    }

    [Theory]
    [InlineData("select count(*) from report_runs; delete from step_runs", "Only one statement may run")]
    [InlineData("select pg_sleep(5) from report_runs", "Function pg_sleep() is not on the allow-list")]
    [InlineData("select * from step_runs", "Relation step_runs is not one of the declared views")]
    [InlineData("with gone as (delete from report_runs returning *) select * from gone", "Writes are refused: DELETE")]
    public async Task Sql_the_guard_refuses_fails_the_step_with_its_reason_and_keeps_the_models_answer(string badSql, string reason)
    {
        var key = await AddSqlPipelineAsync("report_runs");
        var run = await AddRunAsync(key, "sim-sql: " + badSql);

        Assert.Equal(RunStatus.Failed, await ExecuteAsync(run));

        var (step, ir, calls) = await StepOfAsync(run);
        Assert.Equal(StepRunStatus.Failed, step.Status);
        Assert.StartsWith("The model's SQL was refused: ", step.Error, StringComparison.Ordinal);
        Assert.Contains(reason, step.Error, StringComparison.Ordinal);
        Assert.Contains("(at character ", step.Error, StringComparison.Ordinal);
        Assert.Contains(badSql, JsonNode.Parse(step.RawResponse()!)!["sql"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(ir);
        Assert.Equal(1, calls);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.SqlQueryCache.CountAsync());
    }

    [Fact]
    public async Task Cached_sql_that_is_refused_fails_the_step_and_is_forgotten_so_the_next_run_asks_the_model_again()
    {
        var key = await AddSqlPipelineAsync("report_runs");
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(await AddRunAsync(key, "How many runs?")));
        await using (var db = Database.CreateContext())
        {
            // As if the allow-list had shrunk since the SQL was cached.
            await db.SqlQueryCache.ExecuteUpdateAsync(s => s.SetProperty(e => e.Sql, "select md5(status) from report_runs"));
        }

        var stale = await AddRunAsync(key, "How many runs?");
        Assert.Equal(RunStatus.Failed, await ExecuteAsync(stale));
        var (step, _, calls) = await StepOfAsync(stale);
        Assert.StartsWith("The cached SQL was refused: Function md5() is not on the allow-list", step.Error, StringComparison.Ordinal);
        Assert.Equal(0, calls);

        var fresh = await AddRunAsync(key, "How many runs?");
        Assert.Equal(RunStatus.Completed, await ExecuteAsync(fresh));
        var (_, ir, callsAgain) = await StepOfAsync(fresh);
        Assert.Equal(1, callsAgain);
        Assert.False(ir!["cached"]!.GetValue<bool>());
        await using var check = Database.CreateContext();
        Assert.Equal("select count(*) as n from report_runs", await check.SqlQueryCache.Select(e => e.Sql).SingleAsync());
    }

    [Fact]
    public async Task Declaring_a_table_instead_of_a_view_fails_the_step_before_any_model_call()
    {
        var key = await AddSqlPipelineAsync("step_runs");
        var run = await AddRunAsync(key, "How many steps?");

        Assert.Equal(RunStatus.Failed, await ExecuteAsync(run));

        var (step, _, calls) = await StepOfAsync(run);
        Assert.Equal("View step_runs does not exist: a sql_query step may only declare views.", step.Error);
        Assert.Equal(0, calls);
    }
}
