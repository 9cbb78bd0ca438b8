using AiFlow.Infrastructure.Retrieval.Collections;

namespace AiFlow.Web.Features.Collections;

/// <summary>
/// <c>PUT /api/collections/{key}</c>: the row <c>version</c> read (from <c>GET /api/collections/{key}</c>) and the settings
/// to change; a member left out keeps its value. A stale version is a conflict, so two Admins never overwrite each other.
/// </summary>
public sealed record CollectionUpdateBody(
    uint? Version,
    string? Name = null,
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
    public CollectionSettings ToSettings() => new(Name, Description, EmbeddingRouteId, EmbeddingModel, Dimensions, ChunkMaxTokens, ChunkOverlapTokens,
        TextSearchLanguage, DefaultEfSearch, RerankEndpointId);
}
