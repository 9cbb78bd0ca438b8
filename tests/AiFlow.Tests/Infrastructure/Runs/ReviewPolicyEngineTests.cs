using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Runs;

/// <summary>Issue 13, item 1: what reaches the review queue from the engine, against the real database and the simulator.</summary>
public sealed class ReviewPolicyEngineTests : EngineTestBase
{
    private const string Schema = """{"type":"object","required":["summary"],"additionalProperties":false,"properties":{"summary":{"type":"string","maxLength":20}}}""";

    private async Task<Guid> RunAsync(string model, ValidationMode mode, int retries = 0)
    {
        var key = "rp-" + Guid.NewGuid().ToString("N")[..6];
        await using (var db = Database.CreateContext())
        {
            var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, model);
            var step = await TestPipelines.AddLlmStepAsync(db, "s-" + key, route, Schema, "Summarise: {{ input.text }}", mode);
            var node = TestPipelines.Llm("sum", step);
            node.Retries = retries;
            await TestPipelines.AddPipelineAsync(db, key, null, node);
        }
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, key, """{"text":"The pump failed twice."}""");
        await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None);
        return runId;
    }

    [Fact]
    public async Task Output_rejected_under_enforce_by_every_endpoint_is_kept_and_queued_as_one_invalid_ir_item()
    {
        var runId = await RunAsync("sim-chat@fault=schema", ValidationMode.Enforce);

        await using var db = Database.CreateContext();
        var step = await db.StepRuns.Include(s => s.Texts).SingleAsync(s => s.PipelineRunId == runId);
        Assert.Equal(StepRunStatus.Failed, step.Status);
        var artifact = await db.IrArtifacts.SingleAsync(a => a.StepRunId == step.Id);
        Assert.False(artifact.IsValid);
        Assert.NotEmpty(artifact.ValidationErrors);
        Assert.NotNull(step.RawResponse());
        var item = await db.ReviewItems.SingleAsync(i => i.StepRunId == step.Id);
        Assert.Equal(ReviewReason.InvalidIr, item.Reason);
        Assert.Contains(ReviewReason.InvalidIr, item.Reasons);
    }

    [Fact]
    public async Task A_step_that_fails_with_no_output_is_an_error_item_not_an_invalid_ir_one()
    {
        var runId = await RunAsync("sim-chat@fault=500", ValidationMode.Log);

        await using var db = Database.CreateContext();
        var step = await db.StepRuns.SingleAsync(s => s.PipelineRunId == runId);
        Assert.Equal(StepRunStatus.Failed, step.Status);
        Assert.False(await db.IrArtifacts.AnyAsync(a => a.StepRunId == step.Id));
        var item = await db.ReviewItems.SingleAsync(i => i.StepRunId == step.Id);
        Assert.Equal([ReviewReason.StepError], item.Reasons);
        Assert.StartsWith("The step failed:", item.ReasonDetail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_that_fails_every_retry_queues_one_error_item_for_its_last_attempt()
    {
        var runId = await RunAsync("sim-chat@fault=500", ValidationMode.Log, retries: 2);

        await using var db = Database.CreateContext();
        var attempts = await db.StepRuns.Where(s => s.PipelineRunId == runId).OrderBy(s => s.Attempt).ToListAsync();
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal(StepRunStatus.Failed, a.Status));
        // Each failed attempt queued an error item of its own: three for one failure, which reviewers saw three times.
        var item = await db.ReviewItems.SingleAsync(i => i.PipelineRunId == runId);
        Assert.Equal(attempts[^1].Id, item.StepRunId);
        Assert.Equal([ReviewReason.StepError], item.Reasons);
    }
}
