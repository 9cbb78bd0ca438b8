using AiFlow.Domain.Inference;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Infrastructure.Inference.Simulator;
using AiFlow.Infrastructure.Retrieval;
using AiFlow.Infrastructure.Retrieval.Search;
using AiFlow.Tests.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFlow.Tests.Infrastructure.Retrieval.Search;

public sealed class HybridChunkSearchTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly (string, string)[] Fridge =
    [
        ("Fridge > Water filter", "Replace the water filter every six months to keep the water clean."),
        ("Fridge > Ice maker", "The ice maker needs a water connection and makes ice cubes."),
        ("Fridge > Doors", "Close the doors firmly; the alarm sounds after two minutes."),
    ];

    private static readonly (string, string)[] Oven =
    [
        ("Oven > Cleaning", "Pyrolytic cleaning heats the oven to 480 degrees."),
        ("Oven > Clock", "Set the clock before first use."),
    ];

    private sealed record Setup(GatewayHarness Harness, SearchCorpus Corpus, Guid RouteId, IChunkSearch Search) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Harness.DisposeAsync();
    }

    private async Task<Setup> StartAsync(Action<IServiceCollection>? configure = null)
    {
        var h = await GatewayHarness.StartAsync(fixture.Database, configure: services =>
        {
            configure?.Invoke(services);
            services.AddRetrievalSearch();
        });
        var embedder = await h.AddEndpointAsync("embed", SimulatorModels.Embedding, e => e.Kind = EndpointKind.Embedding);
        var taskType = await h.AddRouteAsync(embedder);
        Guid routeId;
        await using (var db = fixture.Database.CreateContext())
        {
            routeId = await db.ModelRoutes.Where(r => r.TaskType == taskType).Select(r => r.Id).SingleAsync();
        }
        var corpus = new SearchCorpus(() => fixture.Database.CreateContext(), h.Gateway) { RouteId = routeId };
        return new Setup(h, corpus, routeId, h.Services.GetRequiredService<IChunkSearch>());
    }

    [Fact]
    public async Task Vector_and_text_search_both_contribute_and_the_hits_are_ordered_by_reciprocal_rank_fusion()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);
        var fridge = await s.Corpus.AddDocumentAsync(collection, "fridge.md", Fridge);
        await s.Corpus.AddDocumentAsync(collection, "oven.md", Oven);
        // Its embedding batch has not committed: only the text side can find it.
        var notes = await s.Corpus.AddDocumentAsync(collection, "notes.md", [("Notes", "The water filter cartridge part number is WF-200.")], embed: false);

        var result = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water filter", TopK: 10), CancellationToken.None);

        var hits = result.Hits;
        var top = hits[0];
        Assert.Equal(fridge.Chunks[0].Id, top.ChunkId);
        Assert.Equal((1, 1), (top.VectorRank, top.TextRank));
        Assert.Equal((fridge.Id, "fridge.md", "Fridge > Water filter", 1), (top.DocumentId, top.DocumentName, top.HeadingPath, top.Page));
        Assert.Equal(Fridge[0].Item2, top.Text);
        var textOnly = Assert.Single(hits, h => h.ChunkId == notes.Chunks[0].Id);
        Assert.Null(textOnly.VectorRank);
        Assert.NotNull(textOnly.TextScore);
        Assert.Contains(hits, h => h.VectorRank is not null && h.TextRank is null && h.VectorScore is not null);
        // Each fused score is Σ 1 ÷ (60 + rank) over the sides that returned the chunk, and the hits are in that order.
        Assert.All(hits, h => Assert.Equal(new[] { h.VectorRank, h.TextRank }.Sum(r => r is { } rank ? 1.0 / (60 + rank) : 0), h.FusedScore, 12));
        Assert.Equal(hits.Select(h => h.FusedScore).OrderByDescending(x => x), hits.Select(h => h.FusedScore));
        Assert.Equal(6, hits.Count);
        Assert.True(result.TokensIn > 0);
        Assert.True(result.EmbeddingLatencyMs >= 0 && result.SearchLatencyMs >= 0);
    }

    [Fact]
    public async Task Filters_by_document_tag_and_licence_use_keep_only_the_chunks_they_allow()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);
        (string, string)[] dishwasher = [("Dishwasher > Salt", "Fill the salt container before the first wash."), ("Dishwasher > Rinse aid", "Add rinse aid when the salt light is on.")];
        var eu = await s.Corpus.AddDocumentAsync(collection, "dishwasher-eu.md", dishwasher, tags: ["eu", "dishwasher"], allowedUses: ["rag"]);
        var us = await s.Corpus.AddDocumentAsync(collection, "dishwasher-us.md", dishwasher, tags: ["us", "dishwasher"], allowedUses: ["rag", "training"]);
        var washer = await s.Corpus.AddDocumentAsync(collection, "washer.md", [("Washer > Salt", "The washer needs no salt.")], tags: ["eu"], allowedUses: ["training"]);

        async Task<List<Guid>> DocumentsFound(SearchFilters filters) =>
            [.. (await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "salt", TopK: 20, Filters: filters), CancellationToken.None)).Hits
                .Select(h => h.DocumentId).Distinct().Order()];
        static List<Guid> Sorted(params Guid[] ids) => [.. ids.Order()];

        Assert.Equal(Sorted(us.Id), await DocumentsFound(new SearchFilters(DocumentIds: [us.Id])));
        Assert.Equal(Sorted(us.Id), await DocumentsFound(new SearchFilters(Tags: ["us"])));
        Assert.Equal(Sorted(eu.Id, washer.Id), await DocumentsFound(new SearchFilters(Tags: ["eu", "nowhere"])));
        Assert.Equal(Sorted(us.Id, washer.Id), await DocumentsFound(new SearchFilters(LicenceUse: "training")));
        Assert.Equal(Sorted(washer.Id), await DocumentsFound(new SearchFilters(Tags: ["eu"], LicenceUse: "training")));
        Assert.Empty(await DocumentsFound(new SearchFilters(DocumentIds: [eu.Id], LicenceUse: "training")));
        Assert.Equal(Sorted(eu.Id, us.Id, washer.Id), await DocumentsFound(new SearchFilters()));
    }

    [Fact]
    public async Task Only_ingested_documents_are_searched()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);
        (string, string)[] chunk = [("Kettle > Descaling", "Descale the kettle with citric acid every month.")];
        var ingested = await s.Corpus.AddDocumentAsync(collection, "kettle.md", chunk);
        foreach (var status in new[] { DocumentStatus.Pending, DocumentStatus.Ingesting, DocumentStatus.Quarantined, DocumentStatus.Failed, DocumentStatus.Retired })
        {
            await s.Corpus.AddDocumentAsync(collection, $"kettle-{status}.md", chunk, status: status);
        }

        var result = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "descale the kettle", TopK: 10), CancellationToken.None);

        var hit = Assert.Single(result.Hits);
        Assert.Equal(ingested.Id, hit.DocumentId);
        Assert.Equal((1, 1), (hit.VectorRank, hit.TextRank));
    }

    [Fact]
    public async Task A_selective_filter_by_document_or_tag_still_returns_k_hits()
    {
        await using var s = await StartAsync();
        var (collection, documents) = await AddManualsAsync(s);
        var target = documents[7];

        // No word of this query is in the corpus, so every hit comes from the vector side.
        var byDocument = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "quixotic zeppelin", TopK: 10,
            Filters: new SearchFilters(DocumentIds: [target.Id])), CancellationToken.None);
        var byTag = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "quixotic zeppelin", TopK: 10,
            Filters: new SearchFilters(Tags: ["rare"])), CancellationToken.None);

        foreach (var result in new[] { byDocument, byTag })
        {
            Assert.Equal(10, result.Hits.Count);
            Assert.All(result.Hits, h => Assert.Equal(target.Id, h.DocumentId));
            Assert.All(result.Hits, h => Assert.NotNull(h.VectorRank));
        }
    }

    /// <remarks>
    /// At 1,000 chunks PostgreSQL answers a filter keeping 1 document in 40 with an exact plan (the btree on document_id,
    /// or a scan and sort), which is right and returns k hits (the test above). The HNSW path with a filter is taken on
    /// large collections; here the planner is steered onto it (no sequential scan, no sort below the CTE) to show that the
    /// search's SQL with its settings then uses the collection's partial index and that iterative scans fill the filter.
    /// </remarks>
    [Fact]
    public async Task The_vector_side_uses_the_collections_partial_hnsw_index_and_iterative_scans_fill_a_selective_filter()
    {
        await using var s = await StartAsync();
        var (collection, _) = await AddManualsAsync(s);
        var index = CollectionVectorIndex.Name(collection.Id);
        var rare = new SearchFilters(Tags: ["rare"]);

        var unfiltered = await RunVectorSideAsync(collection, new SearchFilters(), "relaxed_order", explain: true, steer: false);
        var steered = await RunVectorSideAsync(collection, rare, "relaxed_order", explain: true, steer: true);
        var withoutIterativeScans = await RunVectorSideAsync(collection, rare, "off", explain: false, steer: true);
        var withIterativeScans = await RunVectorSideAsync(collection, rare, "relaxed_order", explain: false, steer: true);

        Assert.Contains(index, string.Join('\n', unfiltered), StringComparison.Ordinal);
        Assert.Contains(index, string.Join('\n', steered), StringComparison.Ordinal);
        // ef_search 10: one pass of the graph yields 10 chunks of the whole collection, nearly none of them the rare document's.
        Assert.True(withoutIterativeScans.Count < 10, $"{withoutIterativeScans.Count} rows without iterative scans");
        Assert.Equal(20, withIterativeScans.Count);
    }

    /// <summary>40 ingested manuals of 25 chunks (1,000), the 8th alone tagged "rare"; ef_search 10; analysed.</summary>
    private async Task<(Collection, List<Document>)> AddManualsAsync(Setup s)
    {
        // ef_search 10: without iterative scans the index would hand back 10 chunks of the whole collection, of which a
        // filter keeping 1 document in 40 leaves none or one.
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId, c => c.DefaultEfSearch = 10);
        var words = "pump valve motor belt hinge drum seal filter fan heater sensor board panel cable hose drain door lamp timer spring".Split(' ');
        var random = new Random(14);
        var documents = new List<Document>();
        for (var d = 0; d < 40; d++)
        {
            var texts = Enumerable.Range(0, 25)
                .Select(i => ($"Manual {d} > Part {i}", string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])))).ToList();
            // The simulator's own embedder, called in-process: 1,000 chunks through HTTP would only slow the test down.
            documents.Add(await s.Corpus.AddDocumentAsync(collection, $"manual-{d}.md", texts, tags: d == 7 ? ["rare"] : ["common"],
                vectors: [.. texts.Select(t => FeatureHashingEmbedder.Embed(t.Item1 + " " + t.Item2))]));
        }
        // Fresh rows have no statistics until autovacuum analyses them; ingestion's bulk writes would be analysed the same way.
        await using var db = fixture.Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("ANALYZE document_chunks; ANALYZE documents;");
        return (collection, documents);
    }

    [Fact]
    public async Task The_rerank_stage_orders_the_fused_candidates_by_the_simulators_rerank_scores_and_books_the_call()
    {
        await using var s = await StartAsync();
        var reranker = await s.Harness.AddEndpointAsync("rerank", "sim-rerank");
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId, c => c.RerankEndpointId = reranker.Id);
        await s.Corpus.AddDocumentAsync(collection, "fridge.md", Fridge);
        await s.Corpus.AddDocumentAsync(collection, "oven.md", Oven);
        const string query = "how often to replace the water filter";

        var result = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, query, TopK: 3, Rerank: true), CancellationToken.None);

        Assert.Equal(3, result.Hits.Count);
        Assert.All(result.Hits, h => Assert.Equal(RerankHandler.Score(query, h.Text), h.RerankScore!.Value, 12));
        Assert.Equal(result.Hits.Select(h => h.RerankScore).OrderByDescending(x => x), result.Hits.Select(h => h.RerankScore));
        Assert.Equal(Fridge[0].Item2, result.Hits[0].Text);
        await using var db = fixture.Database.CreateContext();
        Assert.True(await db.AiRequestLogs.AnyAsync(r => r.EndpointId == reranker.Id && r.TaskType == "rerank" && r.Status == "ok"));
    }

    [Fact]
    public async Task A_failing_rerank_endpoint_makes_the_search_unavailable_and_a_collection_without_one_refuses_rerank()
    {
        await using var s = await StartAsync();
        var broken = await s.Harness.AddEndpointAsync("rerank-broken", "sim-rerank@fault=500");
        var withBroken = await s.Corpus.AddCollectionAsync(s.RouteId, c => c.RerankEndpointId = broken.Id);
        await s.Corpus.AddDocumentAsync(withBroken, "fridge.md", Fridge);
        var without = await s.Corpus.AddCollectionAsync(s.RouteId);

        var failed = await Assert.ThrowsAsync<SearchUnavailableException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery(withBroken.Key, "water filter", Rerank: true), CancellationToken.None));
        var refused = await Assert.ThrowsAsync<InvalidSearchQueryException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery(without.Key, "water filter", Rerank: true), CancellationToken.None));

        Assert.Contains("HTTP 500: server error at the endpoint", failed.Message, StringComparison.Ordinal);
        Assert.Equal("rerank", refused.Member);
    }

    [Fact]
    public async Task The_context_token_budget_keeps_the_best_hits_whose_words_fit_together()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);
        await s.Corpus.AddDocumentAsync(collection, "fridge.md", Fridge);

        var all = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water", TopK: 3), CancellationToken.None);
        var budget = Words(all.Hits[0].Text) + Words(all.Hits[1].Text);
        var fitted = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water", TopK: 3, ContextTokenBudget: budget), CancellationToken.None);

        Assert.Equal(3, all.Hits.Count);
        Assert.Equal(all.Hits.Take(2).Select(h => h.ChunkId), fitted.Hits.Select(h => h.ChunkId));
    }

    private sealed class CharacterCounter : ITokenCounter
    {
        public int Count(string text) => text.Length;
    }

    [Fact]
    public async Task The_context_token_budget_counts_with_the_registered_token_counter_when_there_is_one()
    {
        await using var s = await StartAsync(services => services.AddSingleton<ITokenCounter, CharacterCounter>());
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);
        await s.Corpus.AddDocumentAsync(collection, "fridge.md", Fridge);

        var all = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water", TopK: 3), CancellationToken.None);
        // In characters the first two texts fill the budget; counted in words it would hold all three.
        var budget = all.Hits[0].Text.Length + all.Hits[1].Text.Length;
        var fitted = await s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water", TopK: 3, ContextTokenBudget: budget), CancellationToken.None);

        Assert.Equal(3, all.Hits.Count);
        Assert.True(all.Hits.Sum(h => Words(h.Text)) <= budget);
        Assert.Equal(all.Hits.Take(2).Select(h => h.ChunkId), fitted.Hits.Select(h => h.ChunkId));
    }

    [Fact]
    public async Task A_query_of_100_kb_is_refused_before_anything_is_embedded_and_an_unknown_collection_is_named()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId);

        var tooLong = await Assert.ThrowsAsync<InvalidSearchQueryException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, new string('a', 100 * 1024)), CancellationToken.None));
        var topK = await Assert.ThrowsAsync<InvalidSearchQueryException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water", TopK: 101), CancellationToken.None));
        var missing = await Assert.ThrowsAsync<CollectionNotFoundException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery("no-such-collection", "water"), CancellationToken.None));

        Assert.Equal("query", tooLong.Member);
        Assert.Contains("at most 2,000", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal("topK", topK.Member);
        Assert.Equal("no-such-collection", missing.Key);
        Assert.Equal(0, s.Harness.Simulator.Stats.TotalRequests);
    }

    [Fact]
    public async Task A_route_that_embeds_at_another_dimension_than_the_collection_makes_the_search_unavailable_with_both_numbers()
    {
        await using var s = await StartAsync();
        var collection = await s.Corpus.AddCollectionAsync(s.RouteId, c => c.Dimensions = 768);

        var failed = await Assert.ThrowsAsync<SearchUnavailableException>(() =>
            s.Search.SearchAsync(new ChunkSearchQuery(collection.Key, "water"), CancellationToken.None));

        Assert.Contains("returned 384 dimensions", failed.Message, StringComparison.Ordinal);
        Assert.Contains("holds 768", failed.Message, StringComparison.Ordinal);
    }

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// The vector side's SQL with the search's parameters and settings (ef_search 10, the given iterative scan mode): its
    /// plan's lines, or its rows' ids. <paramref name="steer"/> rules out sequential scans and sorts below the CTE.
    /// </summary>
    private async Task<List<string>> RunVectorSideAsync(Collection collection, SearchFilters filters, string iterativeScan, bool explain, bool steer)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var settings = $"SET LOCAL hnsw.ef_search = 10; SET LOCAL hnsw.iterative_scan = {iterativeScan}"
            + (steer ? "; SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off" : "");
        await using (var set = new NpgsqlCommand(settings, connection, transaction))
        {
            await set.ExecuteNonQueryAsync();
        }
        await using var command = new NpgsqlCommand((explain ? "EXPLAIN " : "") + ChunkCandidateSql.Vector(collection.Dimensions, filters), connection, transaction);
        command.Parameters.AddRange(ChunkCandidateSql.FilterParameters(collection.Id, filters).ToArray());
        command.Parameters.Add(new NpgsqlParameter("limit", 20));
        command.Parameters.Add(new NpgsqlParameter("query", FeatureHashingEmbedder.Embed("quixotic zeppelin")));
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetValue(0).ToString()!);
        return lines;
    }
}
