namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>
/// A collection's settings as an author gives them; a null member keeps the current value (or the default on create).
/// </summary>
/// <param name="EmbeddingRouteId">The model route that embeds; null keeps it (on create: the default route of task type "embedding").</param>
public sealed record CollectionSettings(
    string? Name = null,
    string? Description = null,
    Guid? EmbeddingRouteId = null,
    string? EmbeddingModel = null,
    int? Dimensions = null,
    int? ChunkMaxTokens = null,
    int? ChunkOverlapTokens = null,
    string? TextSearchLanguage = null,
    int? DefaultEfSearch = null,
    Guid? RerankEndpointId = null);
