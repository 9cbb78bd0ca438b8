using AiFlow.Domain.Privacy;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Privacy;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiFlow.Tests.Infrastructure.Privacy;

/// <summary>
/// The redaction policy applied where data is stored, read back from PostgreSQL with plain SQL (not through the
/// entities, which would only show what EF thinks it wrote).
/// </summary>
public sealed class RedactionAtRestTests : EngineTestBase
{
    private const string Email = "jane.doe@example.com";
    private const string Card = "4111 1111 1111 1111";
    private static readonly string Input = $$"""{"topic":"pumps, mail {{Email}}, card {{Card}}"}""";

    [Fact]
    public async Task Without_kept_originals_the_run_input_is_stored_redacted_and_the_steps_work_on_the_redaction()
    {
        var runId = await AddQueuedRunAsync(Engine);

        Assert.Equal(RunStatus.Completed, await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));

        var stored = await ReadAsync($"""
            SELECT r.input_json::text || ' ' || s.input_json::text || ' ' || t.rendered_prompt FROM pipeline_runs r
            JOIN step_runs s ON s.pipeline_run_id = r.id JOIN step_run_texts t ON t.step_run_id = s.id WHERE r.id = '{runId}' AND s.attempt = 1
            """);
        Assert.DoesNotContain(Email, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Card, stored, StringComparison.Ordinal);
        Assert.Contains("[EMAIL]", stored, StringComparison.Ordinal);
        Assert.Contains("[CARD]", stored, StringComparison.Ordinal);

        // The worker read the redacted input, so the model was sent "[EMAIL]" too and the step had nothing left to redact.
        await using var db = Database.CreateContext();
        var stepId = await db.StepRuns.Where(s => s.PipelineRunId == runId && s.Attempt == 1).Select(s => s.Id).SingleAsync();
        var record = Assert.Single(await RedactionReader.RecordsAsync(db, [runId, stepId], CancellationToken.None));
        Assert.Equal(("PipelineRun", "InputJson"), (record.EntityType, record.Field));
        Assert.Equal([new PiiFinding(PiiPolicy.Email, "/topic", 1), new PiiFinding(PiiPolicy.Card, "/topic", 1)], record.Findings);
        Assert.Null(record.SealedOriginal);
    }

    [Fact]
    public async Task Kept_originals_are_sealed_the_engine_resumes_on_them_and_an_admins_reveal_is_audited()
    {
        using var keeping = BuildEngine(settings: new Dictionary<string, string?> { ["AiFlow:Pii:KeepOriginals"] = "true" });
        var runId = await AddQueuedRunAsync(keeping);

        var sealedText = await ReadAsync($"SELECT sealed_original FROM pii_redactions WHERE entity_id = '{runId}'");
        Assert.DoesNotContain(Email, sealedText, StringComparison.Ordinal);
        Assert.DoesNotContain("jane", sealedText, StringComparison.Ordinal);

        // The worker loads the run as it would after a crash or a review: with what the client sent, not the redaction.
        await using (var db = keeping.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>().CreateDbContext())
        {
            var loaded = await keeping.Services.GetRequiredService<RunLoader>().LoadAsync(db, runId, CancellationToken.None);
            Assert.Contains(Email, loaded!.Plan.Input!.ToJsonString(), StringComparison.Ordinal);
        }
        Assert.Equal(RunStatus.Completed, await keeping.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None));

        // The step worked on the original, so its stored input and prompt were redacted (and sealed) in turn.
        await using var check = Database.CreateContext();
        var stepId = await check.StepRuns.Where(s => s.PipelineRunId == runId && s.Attempt == 1).Select(s => s.Id).SingleAsync();
        var stepFields = (await RedactionReader.RecordsAsync(check, [stepId], CancellationToken.None)).Select(r => r.Field).ToList();
        Assert.Contains("InputJson", stepFields);
        Assert.Contains("RenderedPrompt", stepFields);
        Assert.DoesNotContain(Email, await ReadAsync($"SELECT rendered_prompt FROM step_run_texts WHERE step_run_id = '{stepId}'"), StringComparison.Ordinal);
        var record = await check.RedactionRecords.SingleAsync(r => r.EntityId == runId);
        Assert.Contains(Email, await keeping.Services.GetRequiredService<OriginalReveal>().RevealAsync(record.Id, CancellationToken.None), StringComparison.Ordinal);
        var audit = await check.AuditEntries.SingleAsync(a => a.EntityType == "RedactionRecord" && a.EntityId == record.Id.ToString());
        Assert.Contains("PipelineRun.InputJson", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_feedback_is_stored_redacted_whichever_code_path_saves_it()
    {
        var runId = await AddQueuedRunAsync(Engine);
        var feedback = new HumanFeedback
        {
            PipelineRunId = runId, ReviewerId = "reviewer", Decision = ReviewDecision.Correct, CreatedAt = DateTimeOffset.UtcNow,
            CorrectedIrJson = $$"""{"answer":"write to {{Email}}"}""", Comment = "customer asked to call +44 20 7946 0958",
        };
        await using (var db = Engine.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>().CreateDbContext())
        {
            db.HumanFeedback.Add(feedback);
            await db.SaveChangesAsync();
        }

        var stored = await ReadAsync($"SELECT corrected_ir_json::text || ' ' || comment FROM human_feedback WHERE id = '{feedback.Id}'");

        Assert.Equal("""{"answer": "write to [EMAIL]"} customer asked to call [PHONE]""", stored);
    }

    private async Task<Guid> AddQueuedRunAsync(IHost engine)
    {
        var key = "pii-" + Guid.NewGuid().ToString("N")[..6];
        await using (var setup = Database.CreateContext())
        {
            var route = await TestPipelines.AddRouteAsync(setup, Simulator.BaseUrl, "sim-chat");
            var step = await TestPipelines.AddLlmStepAsync(setup, "answer-" + key, route,
                """{"type":"object","required":["answer"],"properties":{"answer":{"type":"string"}}}""", "Answer about {{ input.topic }}.");
            await TestPipelines.AddPipelineAsync(setup, key, null, TestPipelines.Llm("s1", step, []));
        }
        // Through the application's own contexts, as the launcher writes a run.
        await using var db = engine.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>().CreateDbContext();
        return await TestPipelines.AddQueuedRunAsync(db, key, Input);
    }

    private async Task<string> ReadAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
