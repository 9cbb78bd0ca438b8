using AiFlow.Domain.Metrics;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Tests.Infrastructure.Dashboards;

public class DashboardRollupsTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private DashboardRollups Rollups => new(new TestContextFactory(fixture.Database));

    private static DateTime HourOf(DateTimeOffset at) => at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour);

    /// <summary>Forgets the previous refresh, so the next one rebuilds everything, as right after the migration.</summary>
    private async Task ForgetRefreshesAsync()
    {
        await using var db = fixture.Database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("DELETE FROM rollup_state");
    }

    private async Task<long?> RollupStepsAsync(Guid pipeline, DateTime hour)
    {
        await using var db = fixture.Database.CreateContext();
        var rows = await db.Database.SqlQuery<long>($"SELECT steps AS \"Value\" FROM rollup_step_hourly WHERE pipeline_definition_id = {pipeline} AND hour = {hour}").ToListAsync();
        return rows.Count == 0 ? null : rows.Single();
    }

    [Fact]
    public async Task After_the_first_build_a_refresh_rebuilds_only_recent_hours_and_adds_steps_that_just_finished()
    {
        await ForgetRefreshesAsync();
        var old = DateTimeOffset.UtcNow.AddDays(-3);
        await using var db = fixture.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "rollup-" + Guid.NewGuid().ToString("N")[..8]);
        var oldRun = TestRuns.Run(pipeline, old, RunStatus.Completed, 0.1m, 10);
        db.PipelineRuns.Add(oldRun);
        db.StepRuns.Add(TestRuns.Step(oldRun, pipeline.StepVersionId, "a", StepRunStatus.Completed, 100, 0.1m, 10));
        await db.SaveChangesAsync();
        await Rollups.RefreshAsync(CancellationToken.None);
        Assert.Equal(1, await RollupStepsAsync(pipeline.PipelineId, HourOf(old)));

        // Marks the old hour: a refresh that rebuilt it would put the true count back.
        await db.Database.ExecuteSqlAsync($"UPDATE rollup_step_hourly SET steps = 999 WHERE pipeline_definition_id = {pipeline.PipelineId} AND hour = {HourOf(old)}");
        var now = DateTimeOffset.UtcNow;
        var newRun = TestRuns.Run(pipeline, now.AddSeconds(-1), RunStatus.Completed, 0.2m, 20);
        db.PipelineRuns.Add(newRun);
        db.StepRuns.Add(TestRuns.Step(newRun, pipeline.StepVersionId, "a", StepRunStatus.Completed, 200, 0.2m, 20));
        await db.SaveChangesAsync();
        await Rollups.RefreshAsync(CancellationToken.None);

        var finished = newRun.StartedAt!.Value.AddMilliseconds(200);
        Assert.Equal(999, await RollupStepsAsync(pipeline.PipelineId, HourOf(old)));
        Assert.Equal(1, await RollupStepsAsync(pipeline.PipelineId, HourOf(finished)));
        var today = await db.Database.SqlQuery<long>($"SELECT steps AS \"Value\" FROM rollup_step_daily WHERE pipeline_definition_id = {pipeline.PipelineId} AND day = {finished.UtcDateTime.Date}").ToListAsync();
        Assert.Equal([1L], today);
    }

    [Fact]
    public async Task A_run_created_days_ago_that_finishes_now_moves_to_its_final_status_and_cost_in_its_creation_hour()
    {
        await ForgetRefreshesAsync();
        var created = DateTimeOffset.UtcNow.AddDays(-2);
        await using var db = fixture.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, "parked-" + Guid.NewGuid().ToString("N")[..8]);
        var run = TestRuns.Run(pipeline, created, RunStatus.WaitingForReview, 0.5m, 10);
        run.FinishedAt = null;
        db.PipelineRuns.Add(run);
        await db.SaveChangesAsync();
        await Rollups.RefreshAsync(CancellationToken.None);
        await Rollups.RefreshAsync(CancellationToken.None);

        run.Status = RunStatus.Completed;
        run.FinishedAt = DateTimeOffset.UtcNow;
        run.CostUsd = 0.75m;
        await db.SaveChangesAsync();
        await Rollups.RefreshAsync(CancellationToken.None);

        var rows = await db.Database.SqlQuery<RunRow>($"""
            SELECT status AS "Status", runs AS "Runs", cost_usd AS "CostUsd" FROM rollup_run_hourly
            WHERE pipeline_definition_id = {pipeline.PipelineId} AND hour = {HourOf(created)}
            """).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(("Completed", 1L, 0.75m), (row.Status, row.Runs, row.CostUsd));
    }

    [Fact]
    public async Task The_database_counts_latencies_into_the_same_buckets_as_the_histogram()
    {
        int[] latencies = [.. Enumerable.Range(0, 3000), 4096, 65_536, 65_537, 1_000_000, 3_600_000, int.MaxValue];
        await using var connection = new NpgsqlConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT v, width_bucket(v::float8, @edges) FROM unnest(@values) v", connection);
        command.Parameters.Add(new NpgsqlParameter("edges", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = LatencyHistogram.LowerEdges.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("values", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = latencies });
        await using var reader = await command.ExecuteReaderAsync();
        var checkedValues = 0;
        while (await reader.ReadAsync())
        {
            Assert.Equal(LatencyHistogram.BucketOf(reader.GetInt32(0)), reader.GetInt32(1));
            checkedValues++;
        }
        Assert.Equal(latencies.Length, checkedValues);
    }

    private sealed class RunRow
    {
        public string Status { get; set; } = "";
        public long Runs { get; set; }
        public decimal CostUsd { get; set; }
    }
}
