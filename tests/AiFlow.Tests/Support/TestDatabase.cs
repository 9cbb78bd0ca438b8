using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Tests.Support;

/// <summary>A throwaway database on the real PostgreSQL that ./aiflow.sh test provisions (AIFLOW_TEST_DB).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string ServerConnectionString =
        Environment.GetEnvironmentVariable("AIFLOW_TEST_DB") ?? "Host=127.0.0.1;Port=55432;Database=aiflow;Username=postgres";

    private TestDatabase(string connectionString, string name)
    {
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }
    public string Name { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var name = "aiflow_t_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        try
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException && ex is not PostgresException)
        {
            throw new InvalidOperationException(
                $"Tests need PostgreSQL with pgvector at {admin.Host}:{admin.Port}. Run them with ./aiflow.sh test, which provisions it, or set AIFLOW_TEST_DB. ({ex.Message})", ex);
        }

        var database = new TestDatabase(new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString, name);
        if (migrate)
        {
            await using var db = database.CreateContext();
            await db.Database.MigrateAsync();
        }
        return database;
    }

    public AiFlowDbContext CreateContext(params Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<AiFlowDbContext>()
            .UseNpgsql(ConnectionString, npgsql => npgsql.UseVector())
            .AddInterceptors(interceptors)
            .Options;
        return new AiFlowDbContext(options);
    }

    /// <summary>
    /// Transactions committed in this database so far, from pg_stat_database. A backend reports its counts lazily: at
    /// exit, or once it has been idle for PostgreSQL's idle flush interval (10 s), so this waits until every backend of
    /// the database has either gone or been idle that long. Slow, exact, and independent of how clients pool.
    /// </summary>
    /// <summary>
    /// VACUUM ANALYZE the whole database. A freshly migrated database leaves autovacuum work on the catalogs, and an
    /// autovacuum worker commits once per table it visits: vacuum before counting commits, or they land in the count.
    /// </summary>
    public async Task VacuumAsync()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        // ANALYZE leaves dead rows in pg_statistic, which autovacuum would come back for: vacuum that once more.
        foreach (var statement in new[] { "VACUUM ANALYZE", "VACUUM pg_catalog.pg_statistic" })
        {
            await using var vacuum = new NpgsqlCommand(statement, connection) { CommandTimeout = 120 };
            await vacuum.ExecuteNonQueryAsync();
        }
    }

    public async Task<long> CommittedTransactionsAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        for (var i = 0; i < 300; i++)
        {
            await using var busy = new NpgsqlCommand(
                $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{Name}' AND (state <> 'idle' OR state_change > now() - interval '10.5 seconds')", connection);
            if ((long)(await busy.ExecuteScalarAsync())! == 0) break;
            await Task.Delay(100);
        }
        await using (var clear = new NpgsqlCommand("SELECT pg_stat_clear_snapshot()", connection)) await clear.ExecuteNonQueryAsync();
        await using var commits = new NpgsqlCommand($"SELECT xact_commit FROM pg_stat_database WHERE datname = '{Name}'", connection);
        return (long)(await commits.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
