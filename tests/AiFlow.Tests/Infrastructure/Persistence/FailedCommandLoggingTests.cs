using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Infrastructure.Inference.Gateway;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AiFlow.Tests.Infrastructure.Persistence;

/// <summary>
/// A refused write is logged where it is handled (a 409, a retried claim, a fenced step): EF Core's own lines for it,
/// written before anyone could handle it, must not say Error, while the statement that failed stays in the debug log.
/// </summary>
public class FailedCommandLoggingTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_handled_unique_violation_leaves_no_error_line_but_keeps_the_failed_statement_at_debug()
    {
        var log = new CapturingLoggerProvider();
        await using var provider = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(log))
            .AddAiFlowDatabase(fixture.Database.ConnectionString).BuildServiceProvider();
        var contexts = provider.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
        var (first, second) = ("first-" + Guid.NewGuid(), "second-" + Guid.NewGuid());
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.InferenceEndpoints.AddRange(
                new InferenceEndpoint { Name = first, BaseUrl = "http://127.0.0.1:1/v1", Model = "m" },
                new InferenceEndpoint { Name = second, BaseUrl = "http://127.0.0.1:1/v1", Model = "m" });
            await db.SaveChangesAsync();
        }

        // One statement that fails on its own (a batch that fails while its results are read is SaveChangesFailed instead).
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var clash = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
                db.Database.ExecuteSqlRawAsync("UPDATE inference_endpoints SET name = {0} WHERE name = {1}", first, second));
            Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, clash.SqlState);
        }

        var efLines = log.Lines.Where(l => l.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)).ToList();
        Assert.Contains(efLines, l => l.Contains("Debug: Failed executing DbCommand", StringComparison.Ordinal) && l.Contains("UPDATE inference_endpoints", StringComparison.Ordinal));
        Assert.DoesNotContain(efLines, l => l.Contains(" Error: ", StringComparison.Ordinal));
    }
}
