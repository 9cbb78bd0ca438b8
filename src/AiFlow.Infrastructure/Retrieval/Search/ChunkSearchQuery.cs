namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>One hybrid search over a collection.</summary>
/// <param name="EfSearch">pgvector's hnsw.ef_search for this query; the collection's default when null.</param>
/// <param name="Rerank">Whether the fused candidates go through the collection's rerank endpoint.</param>
/// <param name="ContextTokenBudget">Stop adding hits once their text would exceed this many tokens; no budget when null.</param>
public sealed record ChunkSearchQuery(
    string CollectionKey,
    string Query,
    int TopK = 5,
    SearchFilters? Filters = null,
    int? EfSearch = null,
    bool Rerank = false,
    int? ContextTokenBudget = null);
