using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>The engine against a real database and the simulator: a step's <c>outputLinks</c> become rows committed with the step.</summary>
public sealed class OutputLinkEngineTests : EngineTestBase
{
    private const string TicketSchema = """{"type":"object","required":["ticket_id"],"properties":{"ticket_id":{"type":"string","pattern":"^T-[0-9]{4}$"}}}""";

    private static JsonNode Links(string json) => JsonNode.Parse(json)!;

    private Task<RunStatus?> ExecuteAsync(Guid runId) => Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);

    [Fact]
    public async Task A_completed_steps_links_are_written_in_the_same_transaction_as_its_completion()
    {
        var key = "links-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = Database.CreateContext())
        {
            // Declared on the step version: the ticket, each chunk once (2 and "2" are both the id text 2), no link for a null id.
            var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key, """
                {"outputLinks":[{"targetType":"tickets","idPath":"ticket_id"},
                                {"targetType":"documents","idPath":"chunks[*].id","relation":"chunked"},
                                {"targetType":"owners","idPath":"owner.id"}]}
                """);
            var plain = await TestPipelines.AddTransformStepAsync(db, "p-" + key);
            var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
            var llm = await TestPipelines.AddLlmStepAsync(db, "l-" + key, route, TicketSchema, "Open a ticket about {{ input.topic }}.");
            var ask = TestPipelines.Llm("ask", llm);
            // Declared on the node only: node params are merged over the step's.
            ask.Params = new JsonObject { ["outputLinks"] = Links("""[{"targetType":"tickets","idPath":"ticket_id","relation":"opened"}]""") };
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("split", transform, """{"ticket_id":"T-{{ input.n }}","chunks":[{"id":"c1"},{"id":2},{"id":"2"},{"id":null},{"id":"c1"}]}"""),
                TestPipelines.Transform("echo", plain, """{"ticket_id":"{{ ir.split.ticket_id }}"}""", "split"),
                ask);
        }
        var runId = await AddRunAsync(key, """{"n":"0042","topic":"pumps"}""");

        Assert.Equal(RunStatus.Completed, await ExecuteAsync(runId));

        await using var check = Database.CreateContext();
        var steps = await check.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId).ToDictionaryAsync(s => s.NodeKey, s => s.Id);
        var links = await check.StepOutputLinks.AsNoTracking().Where(l => steps.Values.Contains(l.StepRunId)).ToListAsync();
        string[] Of(string node) => [.. links.Where(l => l.StepRunId == steps[node]).Select(l => $"{l.TargetType}:{l.TargetId}:{l.Relation}").Order()];
        Assert.Equal(["documents:2:chunked", "documents:c1:chunked", "tickets:T-0042:produced"], Of("split"));
        Assert.Empty(Of("echo"));
        var askIr = JsonNode.Parse((await check.IrArtifacts.AsNoTracking().SingleAsync(a => a.StepRunId == steps["ask"])).IrJson)!;
        var ticket = askIr["ticket_id"]!.GetValue<string>();
        Assert.Matches("^T-[0-9]{4}$", ticket);
        Assert.Equal([$"tickets:{ticket}:opened"], Of("ask"));
        Assert.All(links, l => Assert.NotEqual(default, l.CreatedAt));

        // xmin is the transaction that last wrote a row: the completion's update of the step run wrote the links too.
        var stray = await check.Database.SqlQuery<int>($"""
            SELECT count(*)::int AS "Value" FROM step_output_links l JOIN step_runs s ON s.id = l.step_run_id
            WHERE s.pipeline_run_id = {runId} AND l.xmin::text <> s.xmin::text
            """).SingleAsync();
        Assert.Equal(0, stray);
    }

    [Fact]
    public async Task A_malformed_declaration_fails_the_step_with_its_message_before_any_model_call()
    {
        var key = "badlinks-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = Database.CreateContext())
        {
            var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
            var llm = await TestPipelines.AddLlmStepAsync(db, "l-" + key, route, TicketSchema, "Open a ticket about {{ input.topic }}.");
            var ask = TestPipelines.Llm("ask", llm);
            ask.Params = new JsonObject { ["outputLinks"] = Links("""[{"targetType":"tickets"}]""") };
            await TestPipelines.AddPipelineAsync(db, key, null, ask);
        }
        var runId = await AddRunAsync(key, """{"topic":"pumps"}""");

        Assert.Equal(RunStatus.Failed, await ExecuteAsync(runId));

        await using var check = Database.CreateContext();
        var attempts = await check.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == runId).ToListAsync();
        Assert.Equal(2, attempts.Count); // the node's one retry fails the same way
        Assert.All(attempts, a =>
        {
            Assert.Equal(StepRunStatus.Failed, a.Status);
            Assert.StartsWith("outputLinks[0] needs 'idPath' as a string", a.Error, StringComparison.Ordinal);
        });
        var ids = attempts.Select(a => a.Id).ToList();
        Assert.False(await check.AiRequestLogs.AnyAsync(l => l.StepRunId != null && ids.Contains(l.StepRunId.Value)));
        Assert.False(await check.StepOutputLinks.AnyAsync(l => ids.Contains(l.StepRunId)));
    }

    [Fact]
    public async Task An_ir_that_puts_an_object_where_an_id_should_be_fails_the_step_and_links_nothing()
    {
        var key = "objlinks-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = Database.CreateContext())
        {
            var transform = await TestPipelines.AddTransformStepAsync(db, "t-" + key, """
                {"outputLinks":[{"targetType":"tickets","idPath":"ticket_id"},{"targetType":"documents","idPath":"chunks[*]"}]}
                """);
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("split", transform, """{"ticket_id":"T-1","chunks":[{"id":"c1"}]}"""));
        }
        var runId = await AddRunAsync(key, "{}");

        Assert.Equal(RunStatus.Failed, await ExecuteAsync(runId));

        await using var check = Database.CreateContext();
        var step = await check.StepRuns.AsNoTracking().SingleAsync(s => s.PipelineRunId == runId);
        Assert.Equal(StepRunStatus.Failed, step.Status);
        Assert.Equal("The output link to 'documents' at \"chunks[*]\" found an object in the IR; an id must be a string or a number.", step.Error);
        Assert.False(await check.StepOutputLinks.AnyAsync(l => l.StepRunId == step.Id));
    }

    private async Task<Guid> AddRunAsync(string key, string inputJson)
    {
        await using var db = Database.CreateContext();
        return await TestPipelines.AddQueuedRunAsync(db, key, inputJson);
    }
}
