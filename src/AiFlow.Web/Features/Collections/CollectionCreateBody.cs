using AiFlow.Infrastructure.Retrieval.Collections;

namespace AiFlow.Web.Features.Collections;

/// <summary><c>POST /api/collections</c>: a key and a name; every setting left out takes its default.</summary>
public sealed record CollectionCreateBody(
    string? Key,
    string? Name,
    string? Description = null,
    Guid? EmbeddingRouteId = null,
    string? EmbeddingModel = null,
    int? Dimensions = null,
    int? ChunkMaxTokens = null,
    int? ChunkOverlapTokens = null,
    string? TextSearchLanguage = null,
    int? DefaultEfSearch = null,
    Guid? RerankEndpointId = null)
{
    public CollectionSettings ToSettings() => new(Name ?? "", Description, EmbeddingRouteId, EmbeddingModel, Dimensions, ChunkMaxTokens, ChunkOverlapTokens,
        TextSearchLanguage, DefaultEfSearch, RerankEndpointId);
}
