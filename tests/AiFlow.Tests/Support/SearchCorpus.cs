using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval;

namespace AiFlow.Tests.Support;

/// <summary>
/// Collections, documents and chunks written straight to the database, as ingestion would leave them, for search
/// tests. Chunk vectors come from the gateway (the simulator's hashing embedder, as a query's will) or are given.
/// </summary>
public sealed class SearchCorpus(Func<AiFlowDbContext> contexts, IInferenceGateway? gateway = null)
{
    /// <summary>A collection with its partial HNSW index.</summary>
    public async Task<Collection> AddCollectionAsync(Guid? embeddingRouteId, Action<Collection>? configure = null)
    {
        var collection = new Collection
        {
            Key = "col-" + Guid.NewGuid().ToString("N")[..8],
            Name = "Manuals",
            EmbeddingRouteId = embeddingRouteId,
            EmbeddingModel = "sim-embed",
            CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = "test",
        };
        configure?.Invoke(collection);
        await using var db = contexts();
        db.Collections.Add(collection);
        await db.SaveChangesAsync();
        await CollectionVectorIndex.EnsureAsync(db, collection, CancellationToken.None);
        return collection;
    }

    /// <summary>
    /// A document and its chunks (heading path, text, optional vector). Chunks without a vector are embedded through the
    /// gateway in one batch, unless <paramref name="embed"/> is false (a chunk whose embedding batch has not committed).
    /// </summary>
    public async Task<Document> AddDocumentAsync(Collection collection, string fileName, IReadOnlyList<(string Heading, string Text)> chunks,
        DocumentStatus status = DocumentStatus.Ingested, string[]? tags = null, string[]? allowedUses = null, bool embed = true,
        IReadOnlyList<float[]>? vectors = null)
    {
        var document = new Document
        {
            CollectionId = collection.Id,
            FileName = fileName,
            Title = fileName,
            Checksum = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            Status = status,
            Tags = [.. tags ?? []],
            AllowedUses = [.. allowedUses ?? ["rag"]],
            CreatedAt = DateTimeOffset.UtcNow,
            CreatedBy = "test",
            IngestedAt = status == DocumentStatus.Ingested ? DateTimeOffset.UtcNow : null,
        };
        var embeddings = vectors ?? (embed ? await EmbedAsync([.. chunks.Select(c => c.Heading + " " + c.Text)]) : null);
        for (var i = 0; i < chunks.Count; i++)
        {
            document.Chunks.Add(new DocumentChunk
            {
                CollectionId = collection.Id,
                Ordinal = i,
                HeadingPath = chunks[i].Heading,
                Text = chunks[i].Text,
                PageFrom = i + 1,
                PageTo = i + 1,
                Tokens = chunks[i].Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length,
                Embedding = embeddings?[i],
                EmbeddingModel = embeddings is null ? null : collection.EmbeddingModel,
            });
        }
        await using var db = contexts();
        db.Documents.Add(document);
        await db.SaveChangesAsync();
        return document;
    }

    private async Task<IReadOnlyList<float[]>> EmbedAsync(IReadOnlyList<string> texts)
    {
        var result = await (gateway ?? throw new InvalidOperationException("No gateway to embed with; pass vectors."))
            .EmbedAsync(new EmbeddingRequest { TaskType = "embedding", RouteId = RouteId, Inputs = texts, IdempotencyKey = "corpus-" + Guid.NewGuid() }, CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.Vectors;
    }

    /// <summary>The route chunks are embedded with; set it to the collection's.</summary>
    public Guid? RouteId { get; set; }
}
