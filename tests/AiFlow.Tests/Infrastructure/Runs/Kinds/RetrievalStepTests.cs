using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Retrieval.Search;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>The retrieval step over a stand-in search: what it asks, the IR it makes, and each refusal before any search.</summary>
public sealed class RetrievalStepTests
{
    private static readonly Guid Chunk = Guid.CreateVersion7();
    private static readonly Guid Document = Guid.CreateVersion7();

    private sealed class RecordingSearch(Func<ChunkSearchQuery, ChunkSearchResult> answer) : IChunkSearch
    {
        public List<ChunkSearchQuery> Queries { get; } = [];

        public Task<ChunkSearchResult> SearchAsync(ChunkSearchQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            return Task.FromResult(answer(query));
        }
    }

    private sealed class NoDatabase : IDbContextFactory<AiFlowDbContext>
    {
        public AiFlowDbContext CreateDbContext() => throw new InvalidOperationException("A retrieval step reads nothing from the catalogue.");
    }

    private static StepKindCall Call(string paramsJson, string inputJson)
    {
        var parameters = JsonNode.Parse(paramsJson)!.AsObject();
        var node = new DagNode { Key = "retrieve", StepVersionId = Guid.NewGuid() };
        var spec = new StepVersionSpec(node.StepVersionId, "retrieve", StepKind.Retrieval, parameters, null, null, null, ValidationMode.Log, null, 0, 1);
        var run = new LoadedRun(new RunPlan(Guid.NewGuid(), new PipelineDag { Nodes = [node] }, JsonNode.Parse(inputJson), new Dictionary<string, NodeProgress>()),
            new Dictionary<Guid, StepVersionSpec> { [spec.Id] = spec }, new Dictionary<string, MetricSpec>(), new Dictionary<Guid, IReadOnlyList<MetricTarget>>(),
            new Dictionary<string, (Guid, int)>(), new Dictionary<Guid, AiFlow.Domain.Prompts.PromptTemplateVersion>(), new Dictionary<Guid, JsonElement>());
        return new StepKindCall(spec, new StepAttempt(Guid.NewGuid(), "retrieve", spec.Id, 1, "k", parameters),
            new StepContext(run.Plan.RunId, node, run.Plan.Input, new Dictionary<string, JsonNode?>(), new Dictionary<string, IReadOnlyDictionary<string, double>>()),
            new RunArtifacts(run, new NoDatabase()));
    }

    private static SearchHit Hit => new(Chunk, Document, "fridge.pdf", "Care > Water filter", 12, "Turn the filter left.", 1, 0.8, 2, 0.4, 0.03, null);

    [Fact]
    public async Task The_rendered_query_and_every_parameter_reach_the_search_and_the_hits_become_the_ir()
    {
        var search = new RecordingSearch(_ => new ChunkSearchResult([Hit], 40, 7, 9, 0.0001m));
        var step = new RetrievalStep(search, new PromptRenderer());

        var result = await step.RunAsync(Call("""
            {"collection":"manuals","query":"How do I {{ input.task }}?","topK":3,"rerank":true,"efSearch":80,"contextTokens":500,"filters":{"tags":["fridge"]}}
            """, """{"task":"change the filter"}"""), CancellationToken.None);

        var asked = Assert.Single(search.Queries);
        Assert.Equal(("manuals", "How do I change the filter?", 3, true, 80, 500), (asked.CollectionKey, asked.Query, asked.TopK, asked.Rerank, asked.EfSearch, asked.ContextTokenBudget));
        Assert.Equal(["fridge"], asked.Filters!.Tags!);
        Assert.Equal(StepOutcome.Completed, result.Outcome);
        Assert.Equal((9, 0.0001m, "How do I change the filter?"), (result.TokensIn, result.CostUsd, result.RenderedPrompt));
        var ir = JsonNode.Parse(result.IrJson!)!;
        Assert.Equal("How do I change the filter?", ir["query"]!.GetValue<string>());
        var chunk = Assert.Single(ir["chunks"]!.AsArray())!;
        Assert.Equal((Chunk.ToString(), Document.ToString(), 12, 0.03), (chunk["id"]!.GetValue<string>(), chunk["document_id"]!.GetValue<string>(), chunk["page"]!.GetValue<int>(), chunk["scores"]!["fused"]!.GetValue<double>()));
    }

    [Fact]
    public async Task An_unknown_collection_fails_the_step_with_the_reason()
    {
        var step = new RetrievalStep(new RecordingSearch(q => throw new CollectionNotFoundException(q.CollectionKey)), new PromptRenderer());

        var result = await step.RunAsync(Call("""{"collection":"nope","query":"filter"}""", "{}"), CancellationToken.None);

        Assert.Equal((StepOutcome.Failed, "Retrieval failed: No collection has the key 'nope'."), (result.Outcome, result.Error));
    }

    [Fact]
    public async Task Bad_parameters_an_empty_query_or_a_100_kb_query_fail_the_step_before_anything_is_searched()
    {
        var search = new RecordingSearch(_ => throw new InvalidOperationException("never searched"));
        var step = new RetrievalStep(search, new PromptRenderer());

        var badTopK = await step.RunAsync(Call("""{"collection":"m","query":"q","topK":1000}""", "{}"), CancellationToken.None);
        var empty = await step.RunAsync(Call("""{"collection":"m","query":"{{ input.missing }}"}""", "{}"), CancellationToken.None);
        var huge = await step.RunAsync(Call("""{"collection":"m","query":"{{ input.q }}"}""", JsonSerializer.Serialize(new { q = new string('x', 100_000) })), CancellationToken.None);

        Assert.Equal("'topK' must be a whole number from 1 to 100.", badTopK.Error);
        Assert.Equal("The 'query' template rendered an empty query.", empty.Error);
        Assert.Equal("The query has 100000 characters; a retrieval query may have at most 2000.", huge.Error);
        Assert.All(new[] { badTopK, empty, huge }, r => Assert.Equal(StepOutcome.Failed, r.Outcome));
        Assert.Empty(search.Queries);
    }
}
