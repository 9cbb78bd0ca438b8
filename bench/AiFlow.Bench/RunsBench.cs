using System.Diagnostics;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Timeline;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Dashboards.Data;
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Features.Runs.Timeline;
using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor.Services;
using Npgsql;

namespace AiFlow.Bench;

/// <summary>
/// 100k runs and 1M step runs in a fresh database (AIFLOW_BENCH_DB names the server), then: the run list's first page
/// through RunFilter, a 30-day dashboard, and how many timeline rows a 200-step run renders.
/// </summary>
internal static class RunsBench
{
    private const int Runs = 100_000;

    public static async Task<int> RunAsync()
    {
        var server = Environment.GetEnvironmentVariable("AIFLOW_BENCH_DB");
        if (string.IsNullOrWhiteSpace(server))
        {
            Console.Error.WriteLine("Set AIFLOW_BENCH_DB to a PostgreSQL (with pgvector) server connection string; the bench creates and drops its own database.");
            return 2;
        }
        var name = "aiflow_bench_" + Guid.NewGuid().ToString("N")[..8];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, CommandTimeout = 600 }.ConnectionString;
        await BenchDatabase.ExecuteAsync(admin, $"CREATE DATABASE {name}");
        try
        {
            var contexts = new BenchContextFactory(connectionString);
            var now = DateTimeOffset.UtcNow;
            var watch = Stopwatch.StartNew();
            await using (var db = contexts.CreateDbContext()) await db.Database.MigrateAsync();
            var seeder = new RunsBenchSeeder(connectionString, now);
            await using (var db = contexts.CreateDbContext()) await seeder.SeedCatalogAsync(db, 5);
            var (runs, steps, artifacts) = await seeder.SeedRunsAsync(Runs);
            Console.WriteLine($"{"seed (COPY binary) + ANALYZE",-48} {watch.Elapsed.TotalSeconds,10:N1} s    {runs:N0} runs, {steps:N0} step runs, {artifacts:N0} IR artifacts");
            Console.WriteLine($"{"machine after seeding",-48} {BenchMachine.Describe()}");

            var rollups = new DashboardRollups(contexts);
            watch.Restart();
            await rollups.RefreshAsync(CancellationToken.None);
            Console.WriteLine($"{"rollups, first build (every run)",-48} {watch.Elapsed.TotalMilliseconds,10:N0} ms   once, after the migration");
            var refreshes = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                watch.Restart();
                await rollups.RefreshAsync(CancellationToken.None);
                refreshes.Add(watch.Elapsed.TotalMilliseconds);
            }
            refreshes.Sort();
            Console.WriteLine($"{"rollups, minutely refresh (recent hours)",-48} {refreshes[2],10:N1} ms median (best {refreshes[0]:N1})   the Quartz job's cost each minute");

            var list = new RunListQueries(contexts);
            var firstPage = await TimeAsync("run list, first page (no filter)", () => list.PageAsync(new RunFilter(), RunSort.Created, true, 0, 25, default), p => $"{p.Totals.Runs:N0} runs, {p.Items.Count} rows");
            var pipeline = seeder.Pipelines[0].Pipeline;
            await TimeAsync("run list, pipeline + Failed + last 7 days", () => list.PageAsync(new RunFilter { PipelineId = pipeline, Status = RunStatus.Failed, From = now.AddDays(-7) }, RunSort.Created, true, 0, 25, default), p => $"{p.Totals.Runs:N0} runs");
            await TimeAsync("run list, text in input 'customer-4242'", () => list.PageAsync(new RunFilter { Text = "customer-4242\"" }, RunSort.Created, true, 0, 25, default), p => $"{p.Totals.Runs:N0} runs");
            await TimeAsync("run list, has invalid IR, sorted by cost", () => list.PageAsync(new RunFilter { HasInvalidIr = true }, RunSort.Cost, true, 0, 25, default), p => $"{p.Totals.Runs:N0} runs");
            await TimeAsync("run list, page 100 sorted by cost", () => list.PageAsync(new RunFilter(), RunSort.Cost, true, 100, 25, default), p => $"{p.Items.Count} rows");

            var dashboards = new DashboardQueries(contexts);
            var dashboard = await TimeAsync("dashboard, last 30 days (rollups only)", () => dashboards.LoadAsync(now.AddDays(-30), now, default), d => $"goal <= 500 ms; {d.Runs:N0} runs, {d.Steps:N0} steps, p50 {d.Latency.P50Ms:N0} ms, p95 {d.Latency.P95Ms:N0} ms (±{LatencyHistogram.RelativeErrorBound:P2}), {d.Series.Count} buckets");
            var exact = await ExactLatencyAsync(connectionString, now);
            BenchReport.Add("runs", $"run list, first page over {runs:N0} runs", $"{firstPage:N1} ms");
            BenchReport.Add("runs", "dashboard, last 30 days", $"{dashboard:N1} ms", "≤ 500 ms", $"exact percentiles over step_runs: {exact:N0} ms",
                $"{BenchReport.Number(dashboard / exact, "0.000")} ×");
            await TimeAsync("dashboard, last 24 hours", () => dashboards.LoadAsync(now.AddDays(-1), now, default), d => $"{d.Runs:N0} runs, {d.Series.Count} buckets");

            await PlansAsync(connectionString);
            await TimelineRowsAsync(now);
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await BenchDatabase.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    /// <summary>Runs <paramref name="query"/> once to warm up, then five times; prints and returns the median in ms.</summary>
    private static async Task<double> TimeAsync<T>(string label, Func<Task<T>> query, Func<T, string> describe)
    {
        var result = await query();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            result = await query();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"{label,-48} {times[2],10:N1} ms median (best {times[0]:N1})   {describe(result)}");
        return times[2];
    }

    /// <summary>Prints the plan nodes of the list's main queries, to show they use the indexes.</summary>
    private static async Task PlansAsync(string connectionString)
    {
        (string Label, string Sql)[] queries =
        [
            ("first page", "SELECT id FROM pipeline_runs ORDER BY created_at DESC, id DESC LIMIT 25"),
            ("text search", "SELECT count(*) FROM pipeline_runs WHERE input_json::text ILIKE '%customer-4242\"%'"),
            ("invalid IR", "SELECT count(*) FROM pipeline_runs r WHERE EXISTS (SELECT 1 FROM step_runs s JOIN ir_artifacts a ON a.step_run_id = s.id WHERE s.pipeline_run_id = r.id AND NOT a.is_valid)"),
            ("dashboard latency, 30 days", "SELECT day, bucket, sum(steps) FROM rollup_latency_daily WHERE day >= date_trunc('day', now() - interval '30 days') AND day < date_trunc('day', now()) GROUP BY 1, 2"),
            ("dashboard cost by model, 30 days", "SELECT model, sum(cost_usd) FROM rollup_step_daily WHERE day >= date_trunc('day', now() - interval '30 days') AND day < date_trunc('day', now()) GROUP BY 1"),
        ];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var (label, sql) in queries)
        {
            await using var command = new NpgsqlCommand("EXPLAIN (COSTS OFF) " + sql, connection);
            var lines = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
            }
            var scans = lines.Where(l => l.Contains("Scan", StringComparison.Ordinal)).Select(l => l.TrimStart('-', '>', ' '));
            Console.WriteLine($"plan {label,-43} {string.Join(" | ", scans)}");
        }
    }

    /// <summary>The exact percentiles over the same 30 days (the old way: percentile_cont over step_runs), to show the estimate's error.</summary>
    private static async Task<double> ExactLatencyAsync(string connectionString, DateTimeOffset now)
    {
        var (from, to) = DashboardQueries.Snap(now.AddDays(-30), now);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY latency_ms)
            FROM step_runs WHERE finished_at >= @from AND finished_at < @to AND attempt > 0 AND latency_ms IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var watch = Stopwatch.StartNew();
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Console.WriteLine($"{"exact percentiles over step_runs, 30 days",-48} {watch.Elapsed.TotalMilliseconds,10:N0} ms   p50 {reader.GetDouble(0):N0} ms, p95 {reader.GetDouble(1):N0} ms (for comparison; not used by the page)");
        return watch.Elapsed.TotalMilliseconds;
    }

    /// <summary>Renders the timeline of a 200-step run with bUnit and counts the lane rows in the DOM.</summary>
    private static async Task TimelineRowsAsync(DateTimeOffset now)
    {
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        var parallel = Enumerable.Range(0, 200).Select(i => new TimelineItem(Guid.NewGuid(), $"n{i}", 1, StepRunStatus.Completed, now, now.AddSeconds(1 + i))).ToList();
        var sequential = Enumerable.Range(0, 200).Select(i => new TimelineItem(Guid.NewGuid(), $"n{i}", 1, StepRunStatus.Completed, now.AddSeconds(i), now.AddSeconds(i + 1))).ToList();
        foreach (var (label, items) in new[] { ("200 parallel steps (200 lanes)", parallel), ("200 sequential steps (1 lane)", sequential) })
        {
            var watch = Stopwatch.StartNew();
            var timeline = ctx.Render<RunTimeline>(p => p.Add(x => x.Items, items).Add(x => x.Now, now.AddSeconds(300)));
            var lanes = timeline.FindAll("[data-testid=timeline-lane]").Count;
            var bars = timeline.FindAll("[data-testid=timeline-bar]").Count;
            Console.WriteLine($"timeline, {label,-38} {watch.Elapsed.TotalMilliseconds,10:N1} ms   {lanes} lane rows, {bars} bars in the DOM (bUnit, before any viewport measurement)");
        }
    }
}
