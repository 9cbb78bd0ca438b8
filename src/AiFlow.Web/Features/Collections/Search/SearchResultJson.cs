using AiFlow.Infrastructure.Retrieval.Search;

namespace AiFlow.Web.Features.Collections.Search;

/// <summary>A search's hits, best first, with every ranker's rank and score, and what the query's embedding cost.</summary>
public sealed record SearchResultJson(string Collection, int EmbeddingLatencyMs, int SearchLatencyMs, int TokensIn, decimal CostUsd, IReadOnlyList<SearchHitJson> Hits)
{
    public static SearchResultJson Of(string key, ChunkSearchResult result) => new(key, result.EmbeddingLatencyMs, result.SearchLatencyMs, result.TokensIn, result.CostUsd,
        result.Hits.Select((h, i) => new SearchHitJson(i + 1, h.ChunkId, h.DocumentId, h.DocumentName, h.HeadingPath, h.Page, h.Text, h.VectorRank, h.VectorScore,
            h.TextRank, h.TextScore, h.FusedScore, h.RerankScore)).ToList());
}

/// <param name="FileName">The document's name.</param>
public sealed record SearchHitJson(int Rank, Guid ChunkId, Guid DocumentId, string FileName, string? HeadingPath, int? Page, string Text, int? VectorRank,
    double? VectorScore, int? TextRank, double? TextScore, double FusedScore, double? RerankScore);
