using System.Globalization;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Domain.Retrieval.Search;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// Embeds the query through the gateway, then in one read-only transaction takes the top max(20, k) chunks of the
/// collection's HNSW index (with iterative scans, so a selective filter still fills k) and the top max(20, k) by
/// full-text rank under the same filters, fuses them with Reciprocal Rank Fusion, optionally reranks, keeps the top k
/// and fits them to the context-token budget.
/// </summary>
internal sealed class HybridChunkSearch(
    IDbContextFactory<AiFlowDbContext> contexts,
    IInferenceGateway gateway,
    ChunkReranker reranker,
    IEnumerable<ITokenCounter> tokenCounters,
    TimeProvider time) : IChunkSearch
{
    /// <summary>Each side's candidates: pgvector's hybrid example fuses the top 20 of each.</summary>
    public const int MinCandidates = 20;

    private readonly ITokenCounter? tokenCounter = tokenCounters.LastOrDefault();

    public async Task<ChunkSearchResult> SearchAsync(ChunkSearchQuery query, CancellationToken cancellationToken)
    {
        ChunkSearchRules.Check(query);
        var collection = await LoadCollectionAsync(query.CollectionKey, cancellationToken);
        if (query.Rerank && collection.RerankEndpointId is null)
        {
            throw new InvalidSearchQueryException("rerank", $"Collection '{collection.Key}' has no rerank endpoint; set one in its settings or search without rerank.");
        }

        var embedStarted = time.GetTimestamp();
        var embedding = await gateway.EmbedAsync(new EmbeddingRequest
        {
            RouteId = collection.EmbeddingRouteId,
            TaskType = "embedding",
            Inputs = [query.Query],
            IdempotencyKey = "search-" + Guid.NewGuid().ToString("N"),
        }, cancellationToken);
        var embeddingMs = Elapsed(embedStarted);
        if (!embedding.Succeeded || embedding.Vectors.Count != 1)
        {
            throw new SearchUnavailableException($"The query could not be embedded: {embedding.Error ?? "the endpoint returned no vector"}");
        }
        var vector = embedding.Vectors[0];
        if (vector.Length != collection.Dimensions)
        {
            throw new SearchUnavailableException(
                $"The embedding route returned {vector.Length} dimensions; collection '{collection.Key}' holds {collection.Dimensions}. Its route must embed with the model its chunks were embedded with.");
        }

        var searchStarted = time.GetTimestamp();
        var candidates = Math.Max(MinCandidates, query.TopK);
        var efSearch = Math.Clamp(query.EfSearch ?? collection.DefaultEfSearch, 1, ChunkSearchRules.MaxEfSearch);
        var (vectorSide, textSide, details) = await QueryAsync(collection, vector, query, candidates, efSearch, cancellationToken);

        var fused = ReciprocalRankFusion.Fuse<Guid>([[.. vectorSide.Select(v => v.Id)], [.. textSide.Select(t => t.Id)]]);
        var vectorScores = vectorSide.ToDictionary(v => v.Id, v => 1 - v.Distance);
        var textScores = textSide.ToDictionary(t => t.Id, t => t.Score);
        var hits = fused.Where(f => details.ContainsKey(f.Id)).Select(f =>
        {
            var chunk = details[f.Id];
            return new SearchHit(f.Id, chunk.DocumentId, chunk.FileName, chunk.HeadingPath, chunk.Page, chunk.Text,
                f.Ranks[0], vectorScores.TryGetValue(f.Id, out var similarity) ? similarity : null,
                f.Ranks[1], textScores.TryGetValue(f.Id, out var rank) ? rank : null,
                f.Score, null);
        }).ToList();

        var cost = embedding.CostUsd;
        if (query.Rerank && hits.Count > 0)
        {
            var pool = hits.Take(candidates).ToList();
            var reranked = await reranker.RerankAsync(collection.RerankEndpointId!.Value, query.Query, [.. pool.Select(h => h.Text)], cancellationToken);
            cost += reranked.CostUsd;
            // Ties keep the fused order (OrderBy is stable).
            hits = [.. pool.Select((h, i) => h with { RerankScore = reranked.Scores[i] }).OrderByDescending(h => h.RerankScore)];
        }

        var top = hits.Take(query.TopK).ToList();
        var kept = ContextTokenBudget.Fit(top, h => Tokens(h.Text), query.ContextTokenBudget);
        return new ChunkSearchResult(kept, embeddingMs, Elapsed(searchStarted), embedding.TokensIn, cost);
    }

    private async Task<Collection> LoadCollectionAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Collections.AsNoTracking().FirstOrDefaultAsync(c => c.Key == key, cancellationToken)
            ?? throw new CollectionNotFoundException(key);
    }

    private sealed record VectorCandidate(Guid Id, double Distance);

    private sealed record TextCandidate(Guid Id, double Score);

    private sealed record ChunkDetails(Guid DocumentId, string FileName, string? HeadingPath, int? Page, string Text);

    private async Task<(List<VectorCandidate>, List<TextCandidate>, Dictionary<Guid, ChunkDetails>)> QueryAsync(
        Collection collection, float[] vector, ChunkSearchQuery query, int candidates, int efSearch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // SET LOCAL ends with the transaction, so a pooled connection never carries one search's settings into the next.
        // Both values are integers and a keyword formatted here, never request text.
        await ExecuteAsync(connection, transaction,
            "SET TRANSACTION READ ONLY; "
            + string.Create(CultureInfo.InvariantCulture, $"SET LOCAL hnsw.ef_search = {efSearch}; ")
            + "SET LOCAL hnsw.iterative_scan = relaxed_order", cancellationToken);

        var vectorSide = new List<VectorCandidate>();
        await using (var command = Command(connection, transaction, ChunkCandidateSql.Vector(collection.Dimensions, query.Filters), collection, query, candidates))
        {
            command.Parameters.Add(new NpgsqlParameter("query", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vector });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) vectorSide.Add(new VectorCandidate(reader.GetGuid(0), reader.GetDouble(1)));
        }

        var textSide = new List<TextCandidate>();
        await using (var command = Command(connection, transaction, ChunkCandidateSql.Text(query.Filters), collection, query, candidates))
        {
            command.Parameters.Add(new NpgsqlParameter("language", NpgsqlDbType.Text) { Value = collection.TextSearchLanguage });
            command.Parameters.Add(new NpgsqlParameter("text", NpgsqlDbType.Text) { Value = query.Query });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) textSide.Add(new TextCandidate(reader.GetGuid(0), reader.GetFloat(1)));
        }

        var details = new Dictionary<Guid, ChunkDetails>();
        var ids = vectorSide.Select(v => v.Id).Union(textSide.Select(t => t.Id)).ToArray();
        if (ids.Length > 0)
        {
            await using var command = new NpgsqlCommand(ChunkCandidateSql.Details, connection, transaction);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                details[reader.GetGuid(0)] = new ChunkDetails(reader.GetGuid(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetString(5));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (vectorSide, textSide, details);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Collection collection,
        ChunkSearchQuery query, int candidates)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(ChunkCandidateSql.FilterParameters(collection.Id, query.Filters).ToArray());
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = candidates });
        return command;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private int Tokens(string text) => tokenCounter?.Count(text) ?? ContextTokenBudget.Words(text);

    private int Elapsed(long started) => (int)time.GetElapsedTime(started).TotalMilliseconds;
}
