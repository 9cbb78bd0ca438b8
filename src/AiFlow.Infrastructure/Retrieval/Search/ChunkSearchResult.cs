namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>The hits, best first, and where the time went (the query's embedding is reported apart from the search).</summary>
public sealed record ChunkSearchResult(IReadOnlyList<SearchHit> Hits, int EmbeddingLatencyMs, int SearchLatencyMs, int TokensIn, decimal CostUsd);
