using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Support;

/// <summary>Contexts with the auditing interceptor, as the console makes them: services that name the last author need it.</summary>
public sealed class AuditedContextFactory(TestDatabase database) : IDbContextFactory<AiFlowDbContext>
{
    private readonly AuditingInterceptor auditing = new(TimeProvider.System);

    public AiFlowDbContext CreateDbContext() => database.CreateContext(auditing);
}
