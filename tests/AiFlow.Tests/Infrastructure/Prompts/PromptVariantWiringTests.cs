using AiFlow.Domain.Prompts;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Tests.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Prompts;

/// <summary>The engine picks an A/B variant per run and node, renders it, and the gateway books it on the call row.</summary>
public sealed class PromptVariantWiringTests : IAsyncLifetime
{
    private const string Node = "summarise";
    private TestDatabase database = null!;
    private GatewayHarness harness = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        harness = await GatewayHarness.StartAsync(database, configure: services =>
        {
            services.AddSingleton<PromptRenderer>();
            services.AddOptions<IrValidationOptions>();
            services.AddSingleton<IrValidationService>();
            services.AddSingleton<RunLoader>();
            services.AddSingleton<RunLeaseKeeper>();
            services.AddOptions<ExecutionOptions>();
            // Only the kind this pipeline uses: the others need retrieval and SQL services this harness does not build.
            services.AddSingleton<ModelCall>();
            services.AddSingleton<IStepKind, StructuredLlmStep>();
            services.AddSingleton<StepKindRegistry>();
            services.AddSingleton<StepKindExecutorFactory>();
        });
    }

    public async Task DisposeAsync()
    {
        await harness.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Each_run_books_its_variant_on_the_step_run_and_the_request_log_and_a_retry_of_the_same_run_keeps_it()
    {
        var (pipeline, version) = await AddPipelineWithVariantsAsync();
        // Run ids chosen so that both variants are exercised; the choice itself is the selector's, seeded by run and node.
        var runs = Enumerable.Range(0, 200).Select(_ => Guid.CreateVersion7())
            .GroupBy(id => PromptVariantSelector.Select(version, id, Node).Variant!)
            .SelectMany(g => g.Take(2)).ToList();
        Assert.Equal(4, runs.Count);

        var executor = ActivatorUtilities.CreateInstance<RunExecutor>(harness.Services, ActivatorUtilities.CreateInstance<RunCommitBatcher>(harness.Services));
        foreach (var runId in runs)
        {
            await AddRunAsync(pipeline, runId);
            Assert.Equal(RunStatus.Completed, await executor.ExecuteAsync(runId, CancellationToken.None));
        }

        await using var db = database.CreateContext();
        foreach (var runId in runs)
        {
            var expected = PromptVariantSelector.Select(version, runId, Node).Variant;
            var step = await db.StepRuns.AsNoTracking().Include(s => s.Texts).SingleAsync(s => s.PipelineRunId == runId && s.NodeKey == Node);
            var calls = await db.AiRequestLogs.AsNoTracking().Where(l => l.StepRunId == step.Id).ToListAsync();
            Assert.Equal(expected, step.PromptVariant);
            Assert.StartsWith($"Variant {expected}: pump failed", step.RenderedPrompt(), StringComparison.Ordinal);
            Assert.NotEmpty(calls);
            Assert.All(calls, c => Assert.Equal((version.Id, expected), (c.PromptTemplateVersionId!.Value, c.PromptVariant)));
        }

        // An ops retry of the same run runs the node again as attempt 2: same run id and node, same variant.
        var retried = runs[0];
        await RequestRetryAsync(retried);
        Assert.Equal(RunStatus.Completed, await executor.ExecuteAsync(retried, CancellationToken.None));
        var attempts = await db.StepRuns.AsNoTracking().Where(s => s.PipelineRunId == retried && s.NodeKey == Node).OrderBy(s => s.Attempt).ToListAsync();
        Assert.Equal([1, 2], attempts.Select(a => a.Attempt));
        Assert.Equal(attempts[0].PromptVariant, attempts[1].PromptVariant);
        var secondCall = await db.AiRequestLogs.AsNoTracking().FirstAsync(l => l.StepRunId == attempts[1].Id);
        Assert.Equal(attempts[0].PromptVariant, secondCall.PromptVariant);
    }

    private async Task<((Guid Definition, Guid Version) Pipeline, PromptTemplateVersion Prompt)> AddPipelineWithVariantsAsync()
    {
        await using var db = database.CreateContext();
        var route = await TestPipelines.AddRouteAsync(db, harness.Simulator.BaseUrl, "sim-chat");
        var stepVersionId = await TestPipelines.AddLlmStepAsync(db, "ab-step", route,
            """{"type":"object","required":["summary"],"properties":{"summary":{"type":"string"}}}""", "Base: {{ input.text }}");
        var prompt = await db.PromptTemplateVersions.FirstAsync(p => db.StepVersions.Any(s => s.Id == stepVersionId && s.PromptTemplateVersionId == p.Id));
        prompt.Variants = [new PromptVariant("A", "Variant A: {{ input.text }}", 1), new PromptVariant("B", "Variant B: {{ input.text }}", 1)];
        await db.SaveChangesAsync();
        await TestPipelines.AddPipelineAsync(db, "ab-pipeline", null, TestPipelines.Llm(Node, stepVersionId));
        var version = await db.PipelineVersions.AsNoTracking().FirstAsync(v => v.PipelineDefinition!.Key == "ab-pipeline");
        return ((version.PipelineDefinitionId, version.Id), prompt);
    }

    private async Task AddRunAsync((Guid Definition, Guid Version) pipeline, Guid runId)
    {
        await using var db = database.CreateContext();
        db.PipelineRuns.Add(new PipelineRun
        {
            Id = runId, PipelineDefinitionId = pipeline.Definition, PipelineVersionId = pipeline.Version, Status = RunStatus.Queued,
            Trigger = RunTrigger.Api, InputJson = """{"text":"pump failed"}""", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>What an ops retry leaves behind (RunOperations.RetryStepAsync, without scheduling a Quartz job).</summary>
    private async Task RequestRetryAsync(Guid runId)
    {
        await using var db = database.CreateContext();
        var first = await db.StepRuns.AsNoTracking().SingleAsync(s => s.PipelineRunId == runId && s.NodeKey == Node);
        db.StepRuns.Add(new StepRun
        {
            PipelineRunId = runId, NodeKey = Node, StepVersionId = first.StepVersionId, Attempt = 2, Status = StepRunStatus.Pending,
            ParamsJson = first.ParamsJson, IdempotencyKey = $"{runId:N}:{Node}:2",
        });
        var run = await db.PipelineRuns.FirstAsync(r => r.Id == runId);
        run.Status = RunStatus.Queued;
        run.FinishedAt = null;
        await db.SaveChangesAsync();
    }
}
