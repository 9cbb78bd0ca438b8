using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Tests.Support;

/// <summary>A throwaway database on the real PostgreSQL that ./aiflow.sh test provisions (AIFLOW_TEST_DB).</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The test server's maintenance database; tests name their own database on it.</summary>
    public static string ServerConnectionString { get; } =
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
        var template = migrate ? await MigratedTemplateAsync() : null;
        await ExecuteOnServerAsync(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}");
        return new TestDatabase(ConnectionStringFor(name), name);
    }

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? template;

    /// <summary>
    /// One migrated database per test process, copied for each test database: a copy is faster than running the
    /// migrations again, and it starts with empty statistics, so autovacuum has no catalog work to do in it (which
    /// would otherwise land in commit counts). Dropped when the process exits; leftovers of killed runs are dropped
    /// after a day.
    /// </summary>
    private static async Task<string> MigratedTemplateAsync()
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = $"aiflow_tpl_{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid().ToString("N")[..6]}";
            await DropStaleTemplatesAsync();
            await ExecuteOnServerAsync($"CREATE DATABASE {name}");
            // Unpooled: a copy is refused while anybody is connected to its template.
            var options = new DbContextOptionsBuilder<AiFlowDbContext>()
                .UseNpgsql(new NpgsqlConnectionStringBuilder(ConnectionStringFor(name)) { Pooling = false }.ConnectionString, npgsql => npgsql.UseVector())
                .Options;
            await using (var db = new AiFlowDbContext(options))
            {
                await db.Database.MigrateAsync();
            }
            // Nobody connects to it again, autovacuum included, so copies never wait for it to leave.
            await ExecuteOnServerAsync($"ALTER DATABASE {name} WITH ALLOW_CONNECTIONS false");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
            return template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task DropStaleTemplatesAsync()
    {
        var stale = new List<string>();
        await using (var connection = await OpenServerAsync())
        await using (var command = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'aiflow\\_tpl\\_%'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            var cutoff = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds();
            while (await reader.ReadAsync())
            {
                var parts = reader.GetString(0).Split('_');
                if (parts.Length == 4 && long.TryParse(parts[2], out var created) && created < cutoff) stale.Add(reader.GetString(0));
            }
        }
        foreach (var name in stale) await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static string ConnectionStringFor(string name) => new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;

    private static async Task<NpgsqlConnection> OpenServerAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = "postgres", Pooling = false };
        var connection = new NpgsqlConnection(admin.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception ex) when (ex is NpgsqlException && ex is not PostgresException)
        {
            await connection.DisposeAsync();
            throw new InvalidOperationException(
                $"Tests need PostgreSQL with pgvector at {admin.Host}:{admin.Port}. Run them with ./aiflow.sh test, which provisions it, or set AIFLOW_TEST_DB. ({ex.Message})", ex);
        }
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = await OpenServerAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
    public async Task<long> CommittedTransactionsAsync()
    {
        await using var connection = await OpenServerAsync();
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
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
