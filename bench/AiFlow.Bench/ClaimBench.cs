using System.Collections.Concurrent;
using System.Diagnostics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Runs.Scheduling;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace AiFlow.Bench;

/// <summary>
/// 20 concurrent reviewers drain 10,000 review items through <see cref="ReviewQueueService"/> on a fresh database
/// (created from AIFLOW_BENCH_DB and dropped afterwards): each claims, then approves, until the queue is empty.
/// Prints double claims, lost items, claim latency percentiles and throughput next to the goals (issue 8), and the approve
/// latency apart from them.
/// </summary>
internal static class ClaimBench
{
    private const int Items = 10_000;
    private static readonly int Reviewers = int.TryParse(Environment.GetEnvironmentVariable("AIFLOW_BENCH_REVIEWERS"), out var n) && n > 0 ? n : 20;

    public static async Task<int> RunAsync()
    {
        var server = Environment.GetEnvironmentVariable("AIFLOW_BENCH_DB") ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=postgres";
        var name = "aiflow_bench_claims_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 60 }.ConnectionString;
        try
        {
            await using var provider = Services(connectionString);
            var contexts = provider.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
            }
            var step = await SeedAsync(contexts);
            return await DrainAsync(provider.GetRequiredService<ReviewQueueService>(), contexts, step);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task<int> DrainAsync(ReviewQueueService queue, IDbContextFactory<AiFlowDbContext> contexts, Guid step)
    {
        var claimTimes = new ConcurrentBag<double>();
        var approveTimes = new ConcurrentBag<double>();
        var handedOut = new ConcurrentDictionary<Guid, int>();
        var filter = new ReviewQueueFilter(StepVersionId: step);
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Reviewers).Select(r => Task.Run(async () =>
        {
            var reviewer = $"bench-reviewer-{r}";
            while (true)
            {
                var watch = Stopwatch.StartNew();
                var claim = await queue.ClaimNextAsync(reviewer, filter, CancellationToken.None);
                claimTimes.Add(watch.Elapsed.TotalMilliseconds);
                if (claim is null) return;
                handedOut.AddOrUpdate(claim.ItemId, 1, (_, n) => n + 1);
                watch.Restart();
                var result = await queue.SubmitAsync(new ReviewSubmission(claim.ItemId, reviewer, ReviewDecision.Approve), CancellationToken.None);
                approveTimes.Add(watch.Elapsed.TotalMilliseconds);
                if (!result.Succeeded) throw new InvalidOperationException(result.Message);
            }
        })));
        wall.Stop();

        await using var db = await contexts.CreateDbContextAsync();
        var doubleHolders = await db.ReviewClaims.Where(c => c.ReleasedAt == null).GroupBy(c => new { c.ReviewItemId, c.Slot }).CountAsync(g => g.Count() > 1);
        var completed = await db.ReviewItems.CountAsync(i => i.Status == ReviewItemStatus.Completed && i.DecisionsCount == 1);
        var handedTwice = handedOut.Count(p => p.Value > 1);
        var lost = Items - completed;
        var claims = handedOut.Values.Sum();
        var claim = Stats.Of(claimTimes);
        var approve = Stats.Of(approveTimes);
        // Each reviewer alternates claim and approve, so wall-clock claims/s is bound by both; the claim-only rate is what
        // the same 20 reviewers would reach if they did nothing but claim at the latencies measured here.
        var claimOnly = claims / (claim.Total / 1000 / Reviewers);

        Console.WriteLine($"claims bench: {Items:N0} items, {Reviewers} concurrent reviewers, each claims then approves until the queue is empty; fresh database");
        Console.WriteLine($"  machine at the end: {BenchMachine.Describe()}");
        Console.WriteLine($"  double claims (live holders per slot > 1): {doubleHolders,10}   goal 0");
        Console.WriteLine($"  items handed to two reviewers:             {handedTwice,10}   goal 0");
        Console.WriteLine($"  lost items (not completed exactly once):   {lost,10}   goal 0");
        Console.WriteLine($"  claim latency p95:                         {claim.P95,10:N1} ms   goal <= 20 ms   (p50 {claim.P50:N1}, p99 {claim.P99:N1}, max {claim.Max:N1}; {claimTimes.Count:N0} calls incl. the final empty one)");
        Console.WriteLine($"  claim operation alone:                     {claimOnly,10:N0} claims/s   goal >= 500   ({claims:N0} claims / (time in claim calls / {Reviewers} reviewers))");
        Console.WriteLine($"  claim + approve, wall clock:               {claims / wall.Elapsed.TotalSeconds,10:N0} claims/s   ({claims:N0} in {wall.Elapsed.TotalSeconds:N1} s, each followed by an approve)");
        Console.WriteLine($"  approve latency (reported apart):          p50 {approve.P50:N1} ms  p95 {approve.P95:N1} ms  p99 {approve.P99:N1} ms");
        return doubleHolders == 0 && handedTwice == 0 && lost == 0 ? 0 : 1;
    }

    private sealed record Stats(double P50, double P95, double P99, double Max, double Total)
    {
        public static Stats Of(IEnumerable<double> times)
        {
            var sorted = times.Order().ToArray();
            double At(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new Stats(At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Sum());
        }
    }

    private static async Task<Guid> SeedAsync(IDbContextFactory<AiFlowDbContext> contexts)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var now = DateTimeOffset.UtcNow;
        var definition = new StepDefinition { Key = "bench-check", Name = "bench-check", Kind = StepKind.HumanReview };
        var version = new StepVersion { StepDefinitionId = definition.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now };
        var pipeline = new PipelineDefinition { Key = "bench", Name = "bench" };
        var pipelineVersion = new PipelineVersion { PipelineDefinitionId = pipeline.Id, Number = 1, Status = VersionStatus.Published, CreatedAt = now, Dag = new PipelineDag { Nodes = [new DagNode { Key = "check", StepVersionId = version.Id }] } };
        db.AddRange(definition, version, pipeline, pipelineVersion);
        await db.SaveChangesAsync();
        // Items only reference their run and step run by id (no foreign keys), so the queue can be filled directly.
        var sql = $"""
            INSERT INTO review_items (id, pipeline_run_id, step_run_id, step_version_id, node_key, reason, status, reviewers_needed, decisions_count, created_at)
            SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), '{version.Id}', 'check', 'Sampling', 'Pending', 1, 0, now() + g * interval '1 microsecond'
            FROM generate_series(1, {Items}) g
            """;
        await db.Database.ExecuteSqlRawAsync(sql);
        await db.Database.ExecuteSqlRawAsync("ANALYZE review_items");
        return version.Id;
    }

    private static ServiceProvider Services(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddAiFlowDatabase(connectionString);
        services.AddOptions<IrValidationOptions>();
        services.AddOptions<ReviewOptions>();
        services.AddSingleton<IrValidationService>();
        services.AddSingleton<ISchedulerFactory, NoSchedulerFactory>();
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<ReviewDecisionWriter>();
        services.AddSingleton<ReviewQueueService>();
        return services.BuildServiceProvider();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
