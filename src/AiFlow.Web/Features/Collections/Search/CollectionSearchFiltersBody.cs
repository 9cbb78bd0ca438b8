namespace AiFlow.Web.Features.Collections.Search;

/// <summary>
/// Metadata filters of a search. Document ids are read as strings and parsed here, so a malformed one is named by its
/// pointer with what a document id looks like.
/// </summary>
public sealed record CollectionSearchFiltersBody(IReadOnlyList<string>? DocumentIds, IReadOnlyList<string>? Tags, string? LicenceUse);
