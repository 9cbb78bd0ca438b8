using System.Diagnostics;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Retrieval.Sql;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Retrieval;

/// <summary>
/// The second line of defence on the real database, with the guard bypassed on purpose: what the runner's role,
/// read-only transaction, timeout and row limit stop even when a query gets past <c>SqlGuard</c>.
/// </summary>
public sealed class SqlQueryRunnerTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private SqlQueryRunner Runner() => new(new TestContextFactory(fixture.Database));

    private async Task<string> AddRunsAsync(int count)
    {
        var key = "sqlr-" + Guid.NewGuid().ToString("N")[..6];
        await using var db = fixture.Database.CreateContext();
        var pipeline = await TestRuns.AddPipelineAsync(db, key);
        for (var i = 0; i < count; i++)
        {
            var run = TestRuns.Run(pipeline, DateTimeOffset.UtcNow.AddMinutes(-i), RunStatus.Completed, 0.5m, 100);
            db.PipelineRuns.Add(run);
            db.StepRuns.Add(TestRuns.Step(run, pipeline.StepVersionId, "a", StepRunStatus.Completed, 120, 0.5m, 100));
        }
        await db.SaveChangesAsync();
        return key;
    }

    [Fact]
    public async Task A_declared_view_is_read_and_the_row_limit_truncates()
    {
        var key = await AddRunsAsync(3);

        var limited = await Runner().RunAsync($"select pipeline_key, duration_ms, cost_usd from report_runs where pipeline_key = '{key}'", 2, 2000, None);
        var whole = await Runner().RunAsync($"select pipeline_key, duration_ms from report_runs where pipeline_key = '{key}'", 5, 2000, None);

        Assert.Equal(["pipeline_key", "duration_ms", "cost_usd"], limited.Columns.Select(c => c.Name));
        Assert.Equal("bigint", limited.Columns[1].Type);
        Assert.Equal(2, limited.RowCount);
        Assert.True(limited.Truncated);
        Assert.Equal(key, limited.Rows[0]![0]!.GetValue<string>());
        Assert.Equal(10_000, limited.Rows[0]![1]!.GetValue<long>());
        Assert.Equal(3, whole.RowCount);
        Assert.False(whole.Truncated);
    }

    [Fact]
    public async Task The_query_runs_as_the_reader_role_in_a_read_only_transaction()
    {
        var result = await Runner().RunAsync(
            "select current_user as who, current_setting('transaction_read_only') as ro, current_setting('standard_conforming_strings') as scs, 'a\\' as s", 10, 2000, None);

        Assert.Equal(SqlReaderRole.Name, result.Rows[0]![0]!.GetValue<string>());
        Assert.Equal("on", result.Rows[0]![1]!.GetValue<string>());
        // The lexer's reading of backslashes holds on the server: 'a\' is the two characters a and \.
        Assert.Equal("on", result.Rows[0]![2]!.GetValue<string>());
        Assert.Equal("a\\", result.Rows[0]![3]!.GetValue<string>());
    }

    [Fact]
    public async Task The_row_limit_keeps_the_querys_order_and_the_connection_goes_back_to_the_pool_as_the_app_user()
    {
        var key = await AddRunsAsync(4);

        var newest = await Runner().RunAsync($"select created_at from report_runs where pipeline_key = '{key}' order by created_at desc", 2, 2000, None);
        var oldest = await Runner().RunAsync($"select created_at from report_runs where pipeline_key = '{key}' order by created_at", 2, 2000, None);

        Assert.True(newest.Truncated);
        var first = newest.Rows.Select(r => DateTimeOffset.Parse(r![0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var last = oldest.Rows.Select(r => DateTimeOffset.Parse(r![0]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(first[0] > first[1] && last[0] < last[1] && first[1] > last[1]);
        // SET LOCAL ROLE ended with the rollback: the same pool hands out the app's user again.
        await using var db = fixture.Database.CreateContext();
        var user = await db.Database.SqlQuery<string>($"SELECT current_user::text AS \"Value\"").SingleAsync();
        Assert.NotEqual(SqlReaderRole.Name, user);
    }

    [Theory]
    [InlineData("select * from step_runs")]
    [InlineData("select * from api_keys")]
    [InlineData("select r.* from report_runs v join pipeline_runs r on r.id = v.run_id")]
    public async Task The_reader_role_cannot_read_a_table_that_is_not_a_declared_view(string sql)
    {
        await AddRunsAsync(1);

        var failure = await Assert.ThrowsAsync<SqlQueryFailedException>(() => Runner().RunAsync(sql, 10, 2000, None));

        Assert.Contains("permission denied", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_fails_in_the_read_only_transaction_even_through_a_function_allowed_to_write()
    {
        // A SECURITY DEFINER function runs with its owner's rights, so only the read-only transaction stands in the way.
        await using (var db = fixture.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TABLE IF NOT EXISTS runner_probe (n int);
                CREATE OR REPLACE FUNCTION runner_probe_write() RETURNS int LANGUAGE sql SECURITY DEFINER AS 'INSERT INTO runner_probe VALUES (1) RETURNING n';
                """);
        }

        var failure = await Assert.ThrowsAsync<SqlQueryFailedException>(() => Runner().RunAsync("select runner_probe_write()", 10, 2000, None));

        Assert.Contains("read-only transaction", failure.Message, StringComparison.Ordinal);
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(0, await check.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM runner_probe").SingleAsync());
    }

    [Fact]
    public async Task The_statement_timeout_stops_a_slow_query()
    {
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<SqlQueryFailedException>(() => Runner().RunAsync("select pg_sleep(20)", 10, 300, None));

        Assert.Equal("The query ran longer than its 300 ms limit and was cancelled.", failure.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_statement_smuggled_after_the_query_is_a_syntax_error_not_a_second_statement()
    {
        var failure = await Assert.ThrowsAsync<SqlQueryFailedException>(() => Runner().RunAsync("select 1; select 2", 10, 2000, None));

        Assert.Contains("syntax error", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_catalog_describes_granted_views_and_refuses_tables_and_views_nobody_granted()
    {
        var catalog = new SqlViewCatalog(new TestContextFactory(fixture.Database));
        await using (var db = fixture.Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE OR REPLACE VIEW ungranted_runs AS SELECT id FROM pipeline_runs");
        }

        var schema = await catalog.DescribeAsync(["report_runs", "report_step_runs"], None);
        var table = await Assert.ThrowsAsync<SqlQueryFailedException>(() => catalog.DescribeAsync(["step_runs"], None));
        var ungranted = await Assert.ThrowsAsync<SqlQueryFailedException>(() => catalog.DescribeAsync(["ungranted_runs"], None));

        Assert.StartsWith("CREATE VIEW report_runs (\n    run_id uuid,\n    pipeline_key ", schema.Ddl, StringComparison.Ordinal);
        Assert.Contains("CREATE VIEW report_step_runs (", schema.Ddl, StringComparison.Ordinal);
        Assert.Equal(64, schema.Hash.Length);
        Assert.Equal(schema.Hash, (await catalog.DescribeAsync(["report_runs", "report_step_runs"], None)).Hash);
        Assert.Equal("View step_runs does not exist: a sql_query step may only declare views.", table.Message);
        Assert.Contains("is not granted to the SQL reader role", ungranted.Message, StringComparison.Ordinal);
    }
}
