using System.Text;
using AiFlow.Domain.Retrieval;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// The SQL of both candidate lists. Each filter adds its own clause and parameter only when given, so the planner sees
/// plain predicates (no <c>@x IS NULL OR …</c>) and, for the vector side, can prove the collection's partial HNSW index
/// applies (<c>collection_id = @collection</c>, ordered by <see cref="CollectionVectorIndex.DistanceSql"/>).
/// </summary>
internal static class ChunkCandidateSql
{
    /// <summary>Nearest chunks by cosine distance. The materialised CTE re-sorts what a relaxed-order iterative scan returns.</summary>
    public static string Vector(int dimensions, SearchFilters? filters) => $"""
        WITH nearest AS MATERIALIZED (
            SELECT c.id, {CollectionVectorIndex.DistanceSql(dimensions)} AS distance
            FROM document_chunks c JOIN documents d ON d.id = c.document_id
            WHERE {Where(filters)} AND c.embedding IS NOT NULL
            ORDER BY distance
            LIMIT @limit)
        SELECT id, distance FROM nearest ORDER BY distance, id
        """;

    /// <summary>Chunks matching the query's words in the collection's text-search configuration, by cover density.</summary>
    public static string Text(SearchFilters? filters) => $"""
        SELECT c.id, ts_rank_cd(c.search_vector, q.query) AS score
        FROM document_chunks c JOIN documents d ON d.id = c.document_id,
             websearch_to_tsquery(@language::regconfig, @text) AS q(query)
        WHERE {Where(filters)} AND c.search_vector @@ q.query
        ORDER BY score DESC, c.id
        LIMIT @limit
        """;

    public const string Details = """
        SELECT c.id, c.document_id, d.file_name, c.heading_path, c.page_from, c.text
        FROM document_chunks c JOIN documents d ON d.id = c.document_id
        WHERE c.id = ANY(@ids)
        """;

    /// <summary>The parameters <see cref="Where"/> refers to for these filters.</summary>
    public static IEnumerable<NpgsqlParameter> FilterParameters(Guid collectionId, SearchFilters? filters)
    {
        yield return new NpgsqlParameter("collection", NpgsqlDbType.Uuid) { Value = collectionId };
        yield return new NpgsqlParameter("ingested", NpgsqlDbType.Text) { Value = nameof(DocumentStatus.Ingested) };
        if (filters?.DocumentIds is { Count: > 0 } ids)
        {
            yield return new NpgsqlParameter("document_ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids.ToArray() };
        }
        if (filters?.Tags is { Count: > 0 } tags)
        {
            yield return new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags.ToArray() };
        }
        if (filters?.LicenceUse is { } use)
        {
            yield return new NpgsqlParameter("licence_use", NpgsqlDbType.Text) { Value = use };
        }
    }

    private static string Where(SearchFilters? filters)
    {
        var where = new StringBuilder("c.collection_id = @collection AND d.status = @ingested");
        if (filters?.DocumentIds is { Count: > 0 }) where.Append(" AND c.document_id = ANY(@document_ids)");
        if (filters?.Tags is { Count: > 0 }) where.Append(" AND d.tags && @tags");
        if (filters?.LicenceUse is not null) where.Append(" AND d.allowed_uses @> ARRAY[@licence_use]");
        return where.ToString();
    }
}
