namespace AiFlow.Web.Features.Collections.Search;

/// <summary>The body of <c>POST /api/collections/{key}/search</c>; members left out take the search's defaults.</summary>
public sealed record CollectionSearchBody(
    string? Query,
    int? TopK,
    CollectionSearchFiltersBody? Filters,
    int? EfSearch,
    bool? Rerank,
    int? ContextTokens);
