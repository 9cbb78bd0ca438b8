using System.Diagnostics;
using System.Globalization;
using AiFlow.Domain.Retrieval;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval;
using AiFlow.Infrastructure.Retrieval.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Bench;

/// <summary>
/// Issue 14's retrieval goals on a fresh database: 100,000 chunks × 384 dimensions in one collection (clustered unit
/// vectors, like embeddings of related passages, with words drawn per cluster so full text has something to find).
/// Prints HNSW recall@10 against an exact scan on 200 held-out queries for each ef_search, the smallest ef_search that
/// reaches 0.95, each side's latency, and the hybrid search's p95 (the query's embedding excluded: the vector is given)
/// as a ratio to the exact scan's p95 measured in the same run.
/// </summary>
internal static class RetrievalBench
{
    private const int Dimensions = 384;
    private const int Clusters = 1_000;
    private const int Queries = 200;
    private const int K = 10;
    private const double GoalRecall = 0.95;
    private static readonly int Chunks = int.TryParse(Environment.GetEnvironmentVariable("AIFLOW_BENCH_CHUNKS"), out var n) && n > 0 ? n : 100_000;
    private static readonly int[] EfSearches = [40, 64, 100, 160, 256];

    /// <summary>
    /// How far a point strays from its cluster's centre, relative to the centre's length: the larger, the less a point's
    /// neighbours are its cluster's and the harder for HNSW (uniform random vectors are the limit).
    /// </summary>
    private static readonly double Noise = double.TryParse(Environment.GetEnvironmentVariable("AIFLOW_BENCH_NOISE"), CultureInfo.InvariantCulture, out var x) && x > 0 ? x : 1.5;

    public static async Task<int> RunAsync()
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"retrieval bench: {Chunks:N0} chunks × {Dimensions} dimensions in {Clusters:N0} clusters (noise {Noise} × the centre), {Queries} held-out queries, recall@{K} against an exact scan"));
        Console.WriteLine($"  machine at the start: {BenchMachine.Describe()}");
        var server = Environment.GetEnvironmentVariable("AIFLOW_BENCH_DB") ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres";
        var name = "aiflow_bench_retrieval_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await BenchDatabase.ExecuteAsync(admin, $"CREATE DATABASE {name}");
        try
        {
            var contexts = new BenchContextFactory(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
            return await MeasureAsync(contexts);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchDatabase.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<int> MeasureAsync(BenchContextFactory contexts)
    {
        var random = new Random(14);
        var corpus = new Corpus(random);
        Collection collection;
        await using (var db = contexts.CreateDbContext())
        {
            await db.Database.MigrateAsync();
            collection = new Collection { Key = "bench", Name = "Bench", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "bench" };
            var document = new Document { CollectionId = collection.Id, FileName = "bench.txt", Title = "Bench", Checksum = "bench", Status = DocumentStatus.Ingested, CreatedAt = DateTimeOffset.UtcNow };
            db.AddRange(collection, document);
            await db.SaveChangesAsync();

            var load = Stopwatch.StartNew();
            await CopyChunksAsync(db, collection.Id, document.Id, corpus, random);
            Console.WriteLine($"  load: {Chunks:N0} chunks copied in {load.Elapsed.TotalSeconds:F1} s (the tsvector trigger included)");

            var build = Stopwatch.StartNew();
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("SET maintenance_work_mem = '1GB'");
            await CollectionVectorIndex.EnsureAsync(db, collection, CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("ANALYZE document_chunks");
            Console.WriteLine($"  HNSW build (m = 16, ef_construction = 64): {build.Elapsed.TotalSeconds:F1} s");
        }

        var queries = Enumerable.Range(0, Queries).Select(_ => corpus.Query(random)).ToList();
        var exact = new List<Guid[]>();
        var exactMs = new List<double>();
        foreach (var query in queries)
        {
            var (ids, ms) = await NearestAsync(contexts, collection, query.Vector, efSearch: null);
            exact.Add(ids);
            exactMs.Add(ms);
        }
        Console.WriteLine($"  exact scan (no index): p50 {Percentile(exactMs, 50):F1} ms, p95 {Percentile(exactMs, 95):F1} ms");

        int? reaching = null;
        foreach (var ef in EfSearches)
        {
            var recall = 0.0;
            var latencies = new List<double>();
            for (var i = 0; i < queries.Count; i++)
            {
                var (ids, ms) = await NearestAsync(contexts, collection, queries[i].Vector, ef);
                recall += ids.Intersect(exact[i]).Count() / (double)K;
                latencies.Add(ms);
            }
            recall /= queries.Count;
            if (recall >= GoalRecall) reaching ??= ef;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  HNSW ef_search {ef,3}: recall@{K} {recall:F3}, p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1} ms, p95 ÷ exact p95 {Percentile(latencies, 95) / Percentile(exactMs, 95):F3}"));
        }
        BenchReport.Add("retrieval", $"HNSW recall@{K} on {Chunks:N0} × {Dimensions} (noise {Noise})", reaching is { } at ? $"≥ {GoalRecall} at ef_search {at}" : $"< {GoalRecall} up to ef_search {EfSearches[^1]}",
            $"≥ {GoalRecall}", "exact scan (recall 1)");
        Console.WriteLine(reaching is { } found
            ? $"  goal recall@{K} ≥ {GoalRecall}: reached at ef_search {found}"
            : $"  goal recall@{K} ≥ {GoalRecall}: NOT reached up to ef_search {EfSearches[^1]}");

        var efForHybrid = reaching ?? EfSearches[^1];
        var search = new HybridChunkSearch(contexts, new GivenVectors(queries), null!, [], TimeProvider.System);
        var hybridMs = new List<double>();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await search.SearchAsync(new ChunkSearchQuery(collection.Key, query.Text, K, EfSearch: efForHybrid), CancellationToken.None);
            hybridMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (result.Hits.Count == 0) throw new InvalidOperationException($"Hybrid search found nothing for '{query.Text}'.");
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  hybrid (vector top 20 at ef_search {efForHybrid} + full text top 20, RRF, details; query embedding excluded): p50 {Percentile(hybridMs, 50):F1} ms, p95 {Percentile(hybridMs, 95):F1} ms, p95 ÷ exact p95 {Percentile(hybridMs, 95) / Percentile(exactMs, 95):F3}"));
        BenchReport.Add("retrieval", "hybrid search p95 (query embedding excluded)", $"{Percentile(hybridMs, 95):F1} ms", "", $"exact scan p95: {Percentile(exactMs, 95):F1} ms",
            $"{BenchReport.Number(Percentile(hybridMs, 95) / Percentile(exactMs, 95), "0.000")} ×");
        Console.WriteLine($"  machine at the end: {BenchMachine.Describe()}");
        return reaching is null ? 1 : 0;
    }

    /// <summary>The k nearest chunks: through the collection's HNSW index at <paramref name="efSearch"/>, or by an exact scan when null.</summary>
    private static async Task<(Guid[] Ids, double Ms)> NearestAsync(BenchContextFactory contexts, Collection collection, float[] vector, int? efSearch)
    {
        await using var db = contexts.CreateDbContext();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var settings = efSearch is { } ef
            ? string.Create(CultureInfo.InvariantCulture, $"SET LOCAL hnsw.ef_search = {ef}")
            : "SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off";
        await using (var set = new NpgsqlCommand(settings, connection, transaction)) await set.ExecuteNonQueryAsync();
        var started = Stopwatch.GetTimestamp();
        await using var command = new NpgsqlCommand(
            $"SELECT id FROM document_chunks WHERE collection_id = @collection ORDER BY {CollectionVectorIndex.DistanceSql(Dimensions)} LIMIT {K}", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("collection", NpgsqlDbType.Uuid) { Value = collection.Id });
        command.Parameters.Add(new NpgsqlParameter("query", NpgsqlDbType.Array | NpgsqlDbType.Real) { Value = vector });
        var ids = new List<Guid>(K);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) ids.Add(reader.GetGuid(0));
        }
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        await transaction.CommitAsync();
        return ([.. ids], ms);
    }

    private static async Task CopyChunksAsync(AiFlowDbContext db, Guid collectionId, Guid documentId, Corpus corpus, Random random)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY document_chunks (id, document_id, collection_id, ordinal, text, tokens, embedding) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < Chunks; i++)
        {
            var (text, vector) = corpus.Chunk(random);
            await importer.StartRowAsync();
            await importer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await importer.WriteAsync(documentId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(collectionId, NpgsqlDbType.Uuid);
            await importer.WriteAsync(i, NpgsqlDbType.Integer);
            await importer.WriteAsync(text, NpgsqlDbType.Text);
            await importer.WriteAsync(text.Split(' ').Length, NpgsqlDbType.Integer);
            await importer.WriteAsync(new Pgvector.Vector(vector));
        }
        await importer.CompleteAsync();
        await connection.CloseAsync();
    }

    private static double Percentile(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private sealed record BenchQuery(string Text, float[] Vector);

    /// <summary>Cluster centres with a few topic words each; a chunk or query is a noisy point near one centre.</summary>
    private sealed class Corpus
    {
        private readonly float[][] centres;
        private readonly string[][] topics;
        private readonly string[] vocabulary;

        public Corpus(Random random)
        {
            vocabulary = [.. Enumerable.Range(0, 5_000).Select(i => "w" + i.ToString(CultureInfo.InvariantCulture) + "x")];
            centres = [.. Enumerable.Range(0, Clusters).Select(_ => Normalise(Gaussian(random, 1.0)))];
            topics = [.. Enumerable.Range(0, Clusters).Select(_ => Enumerable.Range(0, 4).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray())];
        }

        public (string Text, float[] Vector) Chunk(Random random)
        {
            var cluster = random.Next(Clusters);
            var words = Enumerable.Range(0, 40).Select(_ => vocabulary[random.Next(vocabulary.Length)]).Concat(topics[cluster].Take(2 + random.Next(3)));
            return (string.Join(' ', words), Near(cluster, random));
        }

        public BenchQuery Query(Random random)
        {
            var cluster = random.Next(Clusters);
            return new BenchQuery(string.Join(' ', topics[cluster].Take(2)), Near(cluster, random));
        }

        private float[] Near(int cluster, Random random)
        {
            var noise = Gaussian(random, Noise / Math.Sqrt(Dimensions));
            var point = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++) point[d] = centres[cluster][d] + noise[d];
            return Normalise(point);
        }

        private static float[] Gaussian(Random random, double sigma)
        {
            var v = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                var u1 = 1.0 - random.NextDouble();
                var u2 = random.NextDouble();
                v[d] = (float)(sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
            }
            return v;
        }

        private static float[] Normalise(float[] v)
        {
            var length = Math.Sqrt(v.Sum(x => (double)x * x));
            return [.. v.Select(x => (float)(x / length))];
        }
    }

    /// <summary>The bench gives each query's vector itself: the query's embedding is excluded from the hybrid figure.</summary>
    private sealed class GivenVectors(IReadOnlyList<BenchQuery> queries) : IInferenceGateway
    {
        private readonly Dictionary<string, float[]> vectors = queries.GroupBy(q => q.Text).ToDictionary(g => g.Key, g => g.First().Vector);

        public Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("The retrieval bench only embeds.");

        public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new EmbeddingResult { Succeeded = true, Vectors = [.. request.Inputs.Select(i => vectors[i])] });
    }
}
