using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Support;

/// <summary>An <see cref="IDbContextFactory{TContext}"/> over a test database, for services under test.</summary>
public sealed class TestContextFactory(TestDatabase database) : IDbContextFactory<AiFlowDbContext>
{
    public AiFlowDbContext CreateDbContext() => database.CreateContext();
}
