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
