using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Retrieval;
using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Domain.Retrieval.Embeddings;
using AiFlow.Infrastructure;
using AiFlow.Infrastructure.Inference.BuiltIn;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Infrastructure.Seeding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFlow.Bench;

/// <summary>
/// Issue 14's ingestion goal: pages of the PostgreSQL manual that Debian's postgresql-doc-15 installs, ingested on a fresh
/// database through the product's path (upload, then the ingestion job's body: extract, near-duplicate check, chunk,
/// embed through the gateway over HTTP on the built-in MiniLM endpoint, commit). Prints pages/s and chunks/s and the share
/// of the job's wall time spent outside the model (goal ≤ 15 %), the model's time coming from the built-in embedder's own
/// meter; then, apart, the CPU that extraction and chunking alone take on the same pages, to say where the rest goes.
/// AIFLOW_BENCH_PAGES picks how many pages (spread evenly over the manual; "all" for every page; default 60).
/// </summary>
internal static class IngestionBench
{
    private const double GoalOutsideShare = 0.15;

    public static async Task<int> RunAsync()
    {
        if (!PostgresManual.IsInstalled)
        {
            Console.Error.WriteLine($"ingestion bench: the PostgreSQL manual is not installed at {PostgresManual.Directory} (apt-get install postgresql-doc-15).");
            return 2;
        }
        var pages = Pick(Directory.EnumerateFiles(PostgresManual.Directory, "*.html").Order(StringComparer.Ordinal).ToList());
        var files = pages.Select(p => new IncomingFile(Path.GetFileName(p), File.ReadAllBytes(p), "file://" + p)).ToList();
        Console.WriteLine($"ingestion bench: {files.Count} pages of the PostgreSQL manual ({files.Sum(f => f.Bytes.LongLength) / 1024.0 / 1024:0.0} MB of HTML) on the built-in MiniLM over HTTP");
        Console.WriteLine($"  machine at the start: {BenchMachine.Describe()}");

        var server = Environment.GetEnvironmentVariable("AIFLOW_BENCH_DB") ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres";
        var name = "aiflow_bench_ingest_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await BenchDatabase.ExecuteAsync(admin, $"CREATE DATABASE {name}");
        try
        {
            await using var embeddings = await StartBuiltInAsync();
            var root = embeddings.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var host = Host(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, new Uri(root));
            return await MeasureAsync(host.Services, root.TrimEnd('/') + BuiltInEmbeddingModel.Path, files, admin, name);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchDatabase.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<int> MeasureAsync(IServiceProvider services, string baseUrl, List<IncomingFile> files, string admin, string database)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync()) await db.Database.MigrateAsync();
        var routeId = await SeedRouteAsync(contexts, baseUrl);
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Admin)], "bench"));
        var collections = services.GetRequiredService<CollectionService>();
        var ingestion = services.GetRequiredService<IngestionService>();
        var executor = services.GetRequiredService<IngestionExecutor>();

        // Warm-up on its own collection: the model's load (seconds) and JIT belong to start-up, not to the figures.
        await collections.CreateAsync("warm-up", new CollectionSettings(Name: "Warm-up", EmbeddingRouteId: routeId), user, CancellationToken.None);
        var warm = await ingestion.UploadAsync("warm-up", files.Take(2).ToList(), DocumentManifest.None, user, CancellationToken.None);
        await executor.ExecuteAsync(warm.Value!.JobId!.Value, CancellationToken.None);

        await collections.CreateAsync("manual", new CollectionSettings(Name: "PostgreSQL manual", EmbeddingRouteId: routeId), user, CancellationToken.None);
        var upload = await ingestion.UploadAsync("manual", files, new DocumentManifest(PostgresManual.Licence, Source: PostgresManual.Directory), user, CancellationToken.None);
        var jobId = upload.Value!.JobId!.Value;

        var modelMs = new ConcurrentBag<double>();
        using var listener = Listen(modelMs);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var dbBefore = await BenchDatabase.BackendCpuMsAsync(admin, database);
        var watch = Stopwatch.StartNew();
        await executor.ExecuteAsync(jobId, CancellationToken.None);
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var dbCpu = await BenchDatabase.BackendCpuMsAsync(admin, database) - dbBefore;

        IngestionJob job;
        List<string> refused;
        await using (var db = await contexts.CreateDbContextAsync())
        {
            job = await db.IngestionJobs.AsNoTracking().FirstAsync(j => j.Id == jobId);
            refused = await db.Documents.AsNoTracking().Where(d => d.IngestionJobId == jobId && d.Status != DocumentStatus.Ingested)
                .OrderBy(d => d.FileName).Select(d => d.FileName + " (" + d.Status + "): " + d.StatusReason).Take(5).ToListAsync();
        }
        var wall = watch.Elapsed.TotalMilliseconds;
        var model = modelMs.Sum();
        var outside = (wall - model) / wall;
        Console.WriteLine($"  job: {job.Status}, {job.FilesDone} of {job.FilesTotal} files, {job.Pages} pages, {job.Chunks:N0} chunks, {job.Embeddings:N0} embeddings, {job.Errors} errors");
        foreach (var line in refused) Console.WriteLine($"    not ingested: {line}");
        Console.WriteLine($"  wall {wall / 1000:0.0} s: {job.Pages / (wall / 1000):0.00} pages/s, {job.Chunks / (wall / 1000):0.0} chunks/s");
        Console.WriteLine($"  time in the model: {model / 1000:0.0} s in {modelMs.Count} batches; outside the model: {outside:P1} of the wall time (goal ≤ {GoalOutsideShare:P0}) {(outside <= GoalOutsideShare ? "met" : "NOT met")}");
        BenchReport.Add("ingestion", $"PostgreSQL manual, {job.Pages} pages: pages/s, chunks/s", $"{job.Pages / (wall / 1000):0.00}, {job.Chunks / (wall / 1000):0.0}");
        BenchReport.Add("ingestion", "share of time outside the model", $"{outside:P1}", $"≤ {GoalOutsideShare:P0}", $"in the model: {model / 1000:0.0} s of {wall / 1000:0.0} s");
        Console.WriteLine($"  CPU per chunk: bench process {cpu / Math.Max(1, job.Chunks):0.0} ms (model included), PostgreSQL backends {dbCpu / Math.Max(1, job.Chunks):0.00} ms");

        var (extractMs, chunkMs, chunks) = ExtractAndChunk(services, files);
        Console.WriteLine($"  apart, on the same pages: extraction {extractMs / files.Count:0.0} ms/page, chunking {chunkMs / files.Count:0.0} ms/page ({chunks:N0} chunks), together {(extractMs + chunkMs) / wall:P1} of the job's wall time");
        Console.WriteLine($"  machine at the end: {BenchMachine.Describe()}");
        return job.Status == IngestionJobStatus.Completed ? 0 : 1;
    }

    /// <summary>Extraction and chunking alone, single-threaded thread CPU, as the job does them per document.</summary>
    private static (double ExtractMs, double ChunkMs, int Chunks) ExtractAndChunk(IServiceProvider services, List<IncomingFile> files)
    {
        var extractor = services.GetRequiredService<IDocumentExtractor>();
        var chunker = new HeadingAwareChunker(services.GetRequiredService<ITokenCounter>());
        var policy = ChunkingPolicy.Default;
        double extract = 0, chunk = 0;
        var count = 0;
        foreach (var file in files)
        {
            var started = Stopwatch.GetTimestamp();
            var extracted = extractor.Extract(file.Bytes, file.FileName, CancellationToken.None);
            var middle = Stopwatch.GetTimestamp();
            count += chunker.Chunk(extracted.Blocks, policy).Count;
            extract += Stopwatch.GetElapsedTime(started, middle).TotalMilliseconds;
            chunk += Stopwatch.GetElapsedTime(middle).TotalMilliseconds;
        }
        return (extract, chunk, count);
    }

    private static List<string> Pick(List<string> all)
    {
        var wanted = Environment.GetEnvironmentVariable("AIFLOW_BENCH_PAGES");
        if (string.Equals(wanted, "all", StringComparison.OrdinalIgnoreCase)) return all;
        var count = int.TryParse(wanted, out var n) && n > 0 ? Math.Min(n, all.Count) : Math.Min(60, all.Count);
        // Spread over the whole manual: tutorials, reference pages and release notes differ in length and structure.
        return [.. Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)])];
    }

    private static async Task<WebApplication> StartBuiltInAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddBuiltInEmbeddings(builder.Configuration);
        var app = builder.Build();
        app.MapBuiltInEmbeddings();
        await app.StartAsync();
        return app;
    }

    private static IHost Host(string connectionString, Uri builtIn)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:AiFlow"] = connectionString;
        builder.Configuration["AiFlow:Inference:AllowedHosts:0"] = builtIn.Authority;
        builder.Configuration["AiFlow:Inference:HealthWriteIntervalMs"] = "60000";
        builder.Configuration["AiFlow:Inference:CatalogCacheMs"] = "60000";
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
        builder.AddInfrastructure();
        // Never started: uploads put their job into the Quartz store and the bench runs the job's body itself.
        return builder.Build();
    }

    private static async Task<Guid> SeedRouteAsync(IDbContextFactory<AiFlowDbContext> contexts, string baseUrl)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var endpoint = new InferenceEndpoint
        {
            Name = BuiltInEmbeddingModel.EndpointName, Kind = EndpointKind.Embedding, Provider = EndpointProvider.OpenAiCompatible,
            BaseUrl = baseUrl, Model = BuiltInEmbeddingModel.Name, MaxConcurrency = 4, TimeoutMs = 120_000,
        };
        var route = new ModelRoute { Name = "embedding-bench", TaskType = "embedding", EndpointChain = [endpoint.Id] };
        db.AddRange(endpoint, route);
        await db.SaveChangesAsync();
        return route.Id;
    }

    private static MeterListener Listen(ConcurrentBag<double> modelMs)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == BuiltInEmbedder.Meter.Name) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) => modelMs.Add(value));
        listener.Start();
        return listener;
    }
}
