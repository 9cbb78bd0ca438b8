using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Retrieval;

/// <summary>
/// Each collection's own HNSW index: the embedding column has no fixed dimension (collections differ), so the index is
/// a partial expression index over <c>embedding::vector(n)</c> for the collection's rows (ADR 0025). A search must
/// filter on the collection and order by <see cref="DistanceSql"/> for the planner to use it.
/// </summary>
public static class CollectionVectorIndex
{
    public static string Name(Guid collectionId) => $"ix_document_chunks_hnsw_{collectionId:N}";

    /// <summary>The ordering expression a search uses, with the query vector as parameter <c>@query</c>.</summary>
    public static string DistanceSql(int dimensions) => $"embedding::vector({dimensions}) <=> @query::vector({dimensions})";

    public static async Task EnsureAsync(AiFlowDbContext db, Collection collection, CancellationToken cancellationToken)
    {
        if (collection.Dimensions is < 1 or > 16000) throw new ArgumentOutOfRangeException(nameof(collection), "pgvector indexes 1 to 16,000 dimensions.");
        // Identifiers and the dimension are formatted from a Guid and an int, never from user text.
        var sql = $"CREATE INDEX IF NOT EXISTS {Name(collection.Id)} ON document_chunks USING hnsw ((embedding::vector({collection.Dimensions})) vector_cosine_ops) "
            + $"WHERE collection_id = '{collection.Id}'";
        await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
    }
}
