using System.Diagnostics;
using System.Net;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AiFlow.Tests.E2E.BadInput;

/// <summary>The console's queries are bound by PostgreSQL's statement timeout (ADR 0021); the idle console sets it to a few seconds.</summary>
[Collection(IdleConsoleCollection.Name)]
public class StatementTimeoutTests(IdleConsoleFixture console)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(IdleConsoleFixture.StatementTimeoutSeconds);

    [Fact]
    public async Task A_pg_sleep_longer_than_the_statement_timeout_is_cancelled_by_the_database_with_a_clear_error()
    {
        var contexts = console.App.Services.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(60)"));

        Assert.Equal(PostgresErrorCodes.QueryCanceled, error.SqlState);
        Assert.Contains("statement timeout", error.MessageText, StringComparison.Ordinal);
        Assert.True(ApiProblems.IsDatabaseTimeout(error));
        Assert.InRange(clock.Elapsed, Timeout - TimeSpan.FromSeconds(0.5), Timeout + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_api_query_held_past_the_statement_timeout_answers_503_as_a_problem_not_500()
    {
        await using var connection = new NpgsqlConnection(console.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Held until the rollback below: GET /api/pipelines waits for it, and its statement's clock runs while it waits.
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE pipeline_definitions IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }
        using var client = console.AdminClient();
        var clock = Stopwatch.StartNew();

        using var response = await client.GetAsync(new Uri("/api/pipelines", UriKind.Relative));
        clock.Stop();
        await transaction.RollbackAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("did not answer in time", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.RetryAfter is not null);
        Assert.InRange(clock.Elapsed, Timeout - TimeSpan.FromSeconds(0.5), Timeout + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_statement_timeout_is_set_on_the_connection_string_and_the_client_waits_a_little_longer()
    {
        var bounded = new NpgsqlConnectionStringBuilder(DatabaseRegistration.WithStatementTimeout("Host=h;Options=-c search_path=public", 30));

        Assert.Equal("-c search_path=public -c statement_timeout=30000", bounded.Options);
        Assert.Equal(35, bounded.CommandTimeout);
        Assert.Equal("Host=h", DatabaseRegistration.WithStatementTimeout("Host=h", 0));
    }
}
