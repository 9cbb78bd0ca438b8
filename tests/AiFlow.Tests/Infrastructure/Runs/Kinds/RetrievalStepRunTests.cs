using System.Text.Json.Nodes;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Retrieval;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Runs.Kinds;

/// <summary>
/// Issue 14, item 5: the retrieval step in a run, over a small collection made here and searched by the real hybrid
/// search on PostgreSQL (queries embedded by the simulator's hashing embedder, for speed); a later step's citations are
/// checked against what it retrieved.
/// </summary>
public sealed class RetrievalStepRunTests : EngineTestBase
{
    private static readonly (string Document, string Heading, int Page, string Text)[] Chunks =
    [
        ("fridge.pdf", "Care > Water filter", 12, "To replace the water filter, turn the old filter cartridge a quarter turn left and pull it out of the fridge."),
        ("fridge.pdf", "Care > Ice maker", 14, "The ice maker makes ice cubes when the freezer is cold enough; empty the ice bin weekly."),
        ("oven.pdf", "Cleaning > Racks", 3, "Oven racks are cleaned in warm soapy water; do not leave them in the oven during pyrolytic cleaning."),
    ];

    private async Task<string> AddCollectionAsync()
    {
        var key = "manuals-" + Guid.NewGuid().ToString("N")[..8];
        await using var db = Database.CreateContext();
        var endpoint = new InferenceEndpoint
        {
            Name = "embed-" + key, Kind = EndpointKind.Embedding, BaseUrl = Simulator.BaseUrl, Model = SimulatorModels.Embedding,
            IsSimulator = true, PricePer1MInputTokens = 100m, TimeoutMs = 30_000,
        };
        var route = new ModelRoute { Name = "embedding-" + key, TaskType = "embedding-" + key, EndpointChain = [endpoint.Id] };
        var collection = new Collection
        {
            Key = key, Name = key, EmbeddingRouteId = route.Id, EmbeddingModel = SimulatorModels.Embedding, CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
        };
        db.AddRange(endpoint, route, collection);
        var documents = new Dictionary<string, Document>();
        var ordinal = 0;
        foreach (var (name, heading, page, text) in Chunks)
        {
            if (!documents.TryGetValue(name, out var document))
            {
                document = new Document
                {
                    CollectionId = collection.Id, FileName = name, Title = name, Checksum = Guid.NewGuid().ToString("N"), Status = DocumentStatus.Ingested,
                    CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test", IngestedAt = DateTimeOffset.UtcNow, AllowedUses = ["rag"],
                };
                documents[name] = document;
                db.Documents.Add(document);
            }
            db.DocumentChunks.Add(new DocumentChunk
            {
                DocumentId = document.Id, CollectionId = collection.Id, Ordinal = ordinal++, HeadingPath = heading, Text = text, PageFrom = page, PageTo = page,
                Tokens = text.Split(' ').Length, Embedding = FeatureHashingEmbedder.Embed(text), EmbeddingModel = SimulatorModels.Embedding,
            });
        }
        await db.SaveChangesAsync();
        await CollectionVectorIndex.EnsureAsync(db, collection, CancellationToken.None);
        return key;
    }

    private async Task<Guid> AddPipelineAsync(string key, string collection)
    {
        await using var db = Database.CreateContext();
        var retrieveDefinition = new StepDefinition { Key = key + "-retrieve", Name = "Retrieve", Kind = StepKind.Retrieval };
        var retrieve = new StepVersion
        {
            StepDefinitionId = retrieveDefinition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
            ParamsJson = new JsonObject { ["collection"] = collection, ["query"] = "{{ input.question }}", ["topK"] = 2 }.ToJsonString(),
        };
        db.AddRange(retrieveDefinition, retrieve);
        await db.SaveChangesAsync();
        var answer = await TestPipelines.AddTransformStepAsync(db, key + "-answer", """{"citations":"/citations"}""");
        await TestPipelines.AddPipelineAsync(db, key, null,
            new DagNode { Key = "retrieve", StepVersionId = retrieve.Id },
            TestPipelines.Transform("answer", answer, """{"answer":"Turn it left.","citations":["{{ ir.retrieve.chunks[0].id }}","{{ input.invented }}"]}""", "retrieve"));
        return retrieve.Id;
    }

    private async Task<(RunStatus? Status, Guid RunId)> RunAsync(string key, string inputJson)
    {
        Guid runId;
        await using (var db = Database.CreateContext()) runId = await TestPipelines.AddQueuedRunAsync(db, key, inputJson);
        return (await Engine.Services.GetRequiredService<RunExecutor>().ExecuteAsync(runId, CancellationToken.None), runId);
    }

    private async Task<StepRun> StepAsync(Guid runId, string node)
    {
        await using var db = Database.CreateContext();
        return await db.StepRuns.AsNoTracking().Include(s => s.Artifacts).Include(s => s.Texts).Where(s => s.NodeKey == node && s.PipelineRunId == runId)
            .OrderByDescending(s => s.Attempt).FirstAsync();
    }

    [Fact]
    public async Task A_retrieval_step_returns_the_best_chunks_with_citation_fields_and_a_citation_of_anything_else_is_invalid()
    {
        var collection = await AddCollectionAsync();
        var key = "rag" + Guid.NewGuid().ToString("N")[..8];
        await AddPipelineAsync(key, collection);
        var invented = Guid.NewGuid().ToString();

        var (status, runId) = await RunAsync(key, new JsonObject { ["question"] = "How do I replace the fridge water filter cartridge?", ["invented"] = invented }.ToJsonString());

        Assert.Equal(RunStatus.Completed, status);
        var retrieve = await StepAsync(runId, "retrieve");
        Assert.Equal("How do I replace the fridge water filter cartridge?", retrieve.RenderedPrompt());
        var ir = JsonNode.Parse(retrieve.Artifacts.Single().IrJson)!;
        Assert.Equal("How do I replace the fridge water filter cartridge?", ir["query"]!.GetValue<string>());
        var chunks = ir["chunks"]!.AsArray();
        Assert.InRange(chunks.Count, 1, 2);
        var best = chunks[0]!;
        Assert.Equal(("fridge.pdf", "Care > Water filter", 12), (best["document"]!.GetValue<string>(), best["heading_path"]!.GetValue<string>(), best["page"]!.GetValue<int>()));
        Assert.StartsWith("To replace the water filter", best["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(best["scores"]!["fused"]!.GetValue<double>() > 0);
        Assert.NotNull(best["scores"]!["vector"]);
        Assert.True(Guid.TryParse(best["document_id"]!.GetValue<string>(), out _));
        Assert.True(retrieve.TokensIn > 0, "the query's embedding is booked to the step");

        var answer = (await StepAsync(runId, "answer")).Artifacts.Single();
        Assert.False(answer.IsValid);
        Assert.Equal([$"/citations/1 cites chunk {invented}, which was not retrieved."], answer.ValidationErrors.Select(e => e.Message));
    }

    [Fact]
    public async Task Retrieval_then_generate_answers_from_the_context_and_its_citations_of_retrieved_chunks_pass_the_check()
    {
        var collection = await AddCollectionAsync();
        var key = "rg" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = Database.CreateContext())
        {
            var retrieveDefinition = new StepDefinition { Key = key + "-retrieve", Name = "Retrieve", Kind = StepKind.Retrieval };
            var retrieve = new StepVersion
            {
                StepDefinitionId = retrieveDefinition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = DateTimeOffset.UtcNow,
                ParamsJson = new JsonObject { ["collection"] = collection, ["query"] = "{{ input.question }}", ["topK"] = 2 }.ToJsonString(),
            };
            db.AddRange(retrieveDefinition, retrieve);
            await db.SaveChangesAsync();
            var route = await TestPipelines.AddRouteAsync(db, Simulator.BaseUrl, "sim-chat");
            var answer = await TestPipelines.AddLlmStepAsync(db, key + "-answer", route, """
                {"type":"object","required":["answer","citations"],"properties":{"answer":{"type":"string"},"citations":{"type":"array","items":{"type":"string"}}}}
                """, "Answer the question from the sources and cite their ids.\nQuestion: {{ input.question }}\nSources:\n{{ context }}",
                AiFlow.Domain.Schemas.ValidationMode.Enforce);
            var answerNode = TestPipelines.Llm("answer", answer, "retrieve");
            answerNode.Params = new JsonObject { ["citations"] = "/citations" };
            await TestPipelines.AddPipelineAsync(db, key, null, new DagNode { Key = "retrieve", StepVersionId = retrieve.Id }, answerNode);
        }

        var (status, runId) = await RunAsync(key, """{"question":"How do I replace the fridge water filter cartridge?"}""");

        Assert.Equal(RunStatus.Completed, status);
        var retrieved = JsonNode.Parse((await StepAsync(runId, "retrieve")).Artifacts.Single().IrJson)!["chunks"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        var answerStep = await StepAsync(runId, "answer");
        Assert.Contains($"[{retrieved[0]}] Care > Water filter (p. 12): To replace the water filter", answerStep.RenderedPrompt(), StringComparison.Ordinal);
        var artifact = answerStep.Artifacts.Single();
        Assert.True(artifact.IsValid, string.Join("; ", artifact.ValidationErrors.Select(e => e.Message)));
        var ir = JsonNode.Parse(artifact.IrJson)!;
        Assert.Equal(retrieved, ir["citations"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.StartsWith("To replace the water filter", ir["answer"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retrieval_step_over_an_unknown_collection_fails_with_the_reason()
    {
        var key = "rgx" + Guid.NewGuid().ToString("N")[..8];
        await AddPipelineAsync(key, "no-such-collection");

        var (status, runId) = await RunAsync(key, """{"question":"filter?","invented":"x"}""");

        Assert.Equal(RunStatus.Failed, status);
        Assert.Equal("Retrieval failed: No collection has the key 'no-such-collection'.", (await StepAsync(runId, "retrieve")).Error);
    }
}
