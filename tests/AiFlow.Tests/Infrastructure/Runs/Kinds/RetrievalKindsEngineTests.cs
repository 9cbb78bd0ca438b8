using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>
/// Issue 14, item 5, through the real engine on PostgreSQL: the embedding step (the simulator's hashing embedder, for
/// speed), retrieved chunks in a model step's prompt as <c>context</c>, and the citation check on a step's IR.
/// </summary>
public sealed class RetrievalKindsEngineTests : EngineTestBase
{
    // Stands in for a retrieval node: the same IR shape, without a collection.
    private const string RetrievedIr = """
        {"query":"{{ input.question }}","chunks":[
          {"id":"c1","text":"Turn the old filter a quarter turn left and pull it out.","document_id":"d1","document":"fridge.pdf","heading_path":"Care > Water filter","page":12},
          {"id":"c2","text":"Replace the filter every six months.","document_id":"d1","document":"fridge.pdf","heading_path":"Care > Water filter","page":13}]}
        """;

    private static string Key(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    private async Task<(RunStatus? Status, Guid RunId)> RunAsync(string key, string inputJson)
    {
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, key, inputJson);
        return (await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None), runId);
    }

    private async Task<StepRun> StepAsync(Guid runId, string node)
    {
        await using var db = Database.CreateContext();
        return await db.StepRuns.AsNoTracking().Include(s => s.Artifacts).Include(s => s.Texts)
            .Where(s => s.NodeKey == node && s.PipelineRunId == runId)
            .OrderByDescending(s => s.Attempt).FirstAsync();
    }

    [Fact]
    public async Task An_embedding_step_embeds_its_rendered_text_through_its_route_and_books_tokens_and_cost()
    {
        var key = Key("emb");
        await using (var db = Database.CreateContext())
        {
            var endpoint = new InferenceEndpoint
            {
                Name = "embed-" + key, Kind = EndpointKind.Embedding, BaseUrl = Simulator.BaseUrl, Model = SimulatorModels.Embedding,
                IsSimulator = true, PricePer1MInputTokens = 100m, TimeoutMs = 30_000,
            };
            var route = new ModelRoute { Name = "embedding-" + key, TaskType = "embedding", EndpointChain = [endpoint.Id] };
            var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Embedding };
            var version = new StepVersion
            {
                StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
                ModelRouteId = route.Id, ParamsJson = """{"text":"Question: {{ input.question }}"}""",
            };
            db.AddRange(endpoint, route, definition, version);
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, key, null, TestPipelines.Llm("embed", version.Id));
        }

        var (status, runId) = await RunAsync(key, """{"question":"How do I change the fridge's water filter?"}""");

        Assert.Equal(RunStatus.Completed, status);
        var step = await StepAsync(runId, "embed");
        Assert.Equal("Question: How do I change the fridge's water filter?", step.RenderedPrompt());
        var ir = JsonNode.Parse(step.Artifacts.Single().IrJson)!;
        Assert.Equal((SimulatorModels.Embedding, 384), (ir["model"]!.GetValue<string>(), ir["dimensions"]!.GetValue<int>()));
        var expected = FeatureHashingEmbedder.Embed(step.RenderedPrompt());
        var embedded = ir["embedding"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        Assert.All(embedded.Zip(expected), pair => Assert.Equal(pair.Second, pair.First, 1e-6f));
        Assert.True(step.Artifacts.Single().IsValid);
        Assert.True(step.TokensIn > 0 && step.CostUsd > 0, $"tokens {step.TokensIn}, cost {step.CostUsd}");
        Assert.Equal(SimulatorModels.Embedding, step.Model);
    }

    [Fact]
    public async Task An_embedding_step_without_a_text_parameter_fails_with_the_reason()
    {
        var key = Key("emx");
        await using (var db = Database.CreateContext())
        {
            var definition = new StepDefinition { Key = key, Name = key, Kind = StepKind.Embedding };
            var version = new StepVersion { StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(definition, version);
            await db.SaveChangesAsync();
            await TestPipelines.AddPipelineAsync(db, key, null, new AiFlow.Domain.Pipelines.Dag.DagNode { Key = "embed", StepVersionId = version.Id });
        }

        var (status, runId) = await RunAsync(key, "{}");

        Assert.Equal(RunStatus.Failed, status);
        Assert.StartsWith("An embedding step needs a 'text' parameter", (await StepAsync(runId, "embed")).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_model_step_after_retrieval_reads_the_chunks_as_cited_context_lines()
    {
        var key = Key("ctx");
        await using (var db = Database.CreateContext())
        {
            var retrieve = await TestPipelines.AddTransformStepAsync(db, key + "-retrieve");
            var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
            var answer = await TestPipelines.AddLlmStepAsync(db, key + "-answer", route,
                """{"type":"object","properties":{"answer":{"type":"string"}},"required":["answer"]}""",
                "Answer {{ input.question }} from these sources and cite their ids:\n{{ context }}Retrieved for: {{ ir.retrieve.query }}");
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("retrieve", retrieve, RetrievedIr), TestPipelines.Llm("answer", answer, "retrieve"));
        }

        var (status, runId) = await RunAsync(key, """{"question":"filter?"}""");

        Assert.Equal(RunStatus.Completed, status);
        Assert.Equal("""
            Answer filter? from these sources and cite their ids:
            [c1] Care > Water filter (p. 12): Turn the old filter a quarter turn left and pull it out.
            [c2] Care > Water filter (p. 13): Replace the filter every six months.
            Retrieved for: filter?
            """.ReplaceLineEndings("\n"), (await StepAsync(runId, "answer")).RenderedPrompt());
    }

    [Fact]
    public async Task A_step_citing_a_chunk_that_was_not_retrieved_has_its_ir_marked_invalid_and_one_citing_retrieved_chunks_does_not()
    {
        var key = Key("cit");
        await using (var db = Database.CreateContext())
        {
            var retrieve = await TestPipelines.AddTransformStepAsync(db, key + "-retrieve");
            var answer = await TestPipelines.AddTransformStepAsync(db, key + "-answer", """{"citations":"/citations"}""");
            await TestPipelines.AddPipelineAsync(db, key, null,
                TestPipelines.Transform("retrieve", retrieve, RetrievedIr),
                TestPipelines.Transform("answer", answer, """{"answer":"Turn it left.","citations":{{ input.cited | json }}}""", "retrieve"));
        }

        var (badStatus, badRun) = await RunAsync(key, """{"question":"filter?","cited":["c1","c9"]}""");
        var (goodStatus, goodRun) = await RunAsync(key, """{"question":"filter?","cited":["c2","c1"]}""");

        Assert.Equal(((RunStatus?)RunStatus.Completed, (RunStatus?)RunStatus.Completed), (badStatus, goodStatus));
        var invalid = (await StepAsync(badRun, "answer")).Artifacts.Single();
        Assert.False(invalid.IsValid);
        Assert.Equal(["/citations/1 cites chunk c9, which was not retrieved."], invalid.ValidationErrors.Select(e => e.Message));
        var valid = (await StepAsync(goodRun, "answer")).Artifacts.Single();
        Assert.True(valid.IsValid, string.Join("; ", valid.ValidationErrors.Select(e => e.Message)));
        Assert.Equal(["c2", "c1"], JsonNode.Parse(valid.IrJson)!["citations"]!.AsArray().Select(c => c!.GetValue<string>()));
    }
}
