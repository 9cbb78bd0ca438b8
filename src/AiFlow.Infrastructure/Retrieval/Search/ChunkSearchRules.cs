using System.Globalization;

namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// The limits of a search, checked before anything is embedded or queried, so a 100 KB query or a top-k of a million is
/// refused with the member it concerns rather than sent to an endpoint.
/// </summary>
public static class ChunkSearchRules
{
    public const int MaxQueryChars = 2_000;
    public const int MaxTopK = 100;
    /// <summary>pgvector's own ceiling for hnsw.ef_search.</summary>
    public const int MaxEfSearch = 1_000;
    public const int MaxContextTokens = 1_000_000;
    public const int MaxDocumentIds = 1_000;
    public const int MaxTags = 100;
    public const int MaxTagChars = 200;

    /// <exception cref="InvalidSearchQueryException">The first rule the query breaks.</exception>
    public static void Check(ChunkSearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (string.IsNullOrWhiteSpace(query.Query)) throw new InvalidSearchQueryException("query", "query must be some text to search for.");
        if (query.Query.Length > MaxQueryChars)
        {
            throw new InvalidSearchQueryException("query", Invariant($"query is {query.Query.Length:N0} characters; a search query is at most {MaxQueryChars:N0}."));
        }
        if (query.TopK is < 1 or > MaxTopK) throw new InvalidSearchQueryException("topK", $"topK must be from 1 to {MaxTopK}.");
        if (query.EfSearch is < 1 or > MaxEfSearch) throw new InvalidSearchQueryException("efSearch", Invariant($"efSearch must be from 1 to {MaxEfSearch:N0}."));
        if (query.ContextTokenBudget is < 1 or > MaxContextTokens)
        {
            throw new InvalidSearchQueryException("contextTokens", Invariant($"contextTokens must be from 1 to {MaxContextTokens:N0}."));
        }
        if (query.Filters is not { } filters) return;
        if (filters.DocumentIds is { Count: > MaxDocumentIds })
        {
            throw new InvalidSearchQueryException("filters/documentIds", Invariant($"filters.documentIds holds at most {MaxDocumentIds:N0} ids."));
        }
        if (filters.Tags is { } tags)
        {
            if (tags.Count > MaxTags) throw new InvalidSearchQueryException("filters/tags", $"filters.tags holds at most {MaxTags} tags.");
            if (tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > MaxTagChars))
            {
                throw new InvalidSearchQueryException("filters/tags", $"Each tag in filters.tags is some text of at most {MaxTagChars} characters.");
            }
        }
        if (filters.LicenceUse is { } use && (string.IsNullOrWhiteSpace(use) || use.Length > MaxTagChars))
        {
            throw new InvalidSearchQueryException("filters/licenceUse", $"filters.licenceUse is a use such as \"rag\", at most {MaxTagChars} characters.");
        }
    }

    // Messages read the same whatever the server's culture: "2,000", not "2.000".
    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
