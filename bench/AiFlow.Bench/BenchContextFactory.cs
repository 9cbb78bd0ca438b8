using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Bench;

internal sealed class BenchContextFactory(string connectionString) : IDbContextFactory<AiFlowDbContext>
{
    public AiFlowDbContext CreateDbContext() =>
        new(new DbContextOptionsBuilder<AiFlowDbContext>().UseNpgsql(connectionString, npgsql => npgsql.UseVector().CommandTimeout(600)).Options);
}
