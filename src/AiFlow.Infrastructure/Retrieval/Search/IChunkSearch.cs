namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// Hybrid search over a collection's chunks: pgvector HNSW and PostgreSQL full text fused with Reciprocal Rank Fusion,
/// then an optional rerank. Used by the search API, the playground and the retrieval step kind alike.
/// </summary>
public interface IChunkSearch
{
    /// <exception cref="CollectionNotFoundException">No collection has the query's key.</exception>
    Task<ChunkSearchResult> SearchAsync(ChunkSearchQuery query, CancellationToken cancellationToken);
}
