using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Tests.Infrastructure.Persistence;

/// <summary>Contexts are pooled (ADR 0014): what one operation set on its context must not leak into the next.</summary>
public class PooledContextTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_context_comes_back_from_the_pool_with_default_settings_and_nothing_tracked()
    {
        await using var provider = new ServiceCollection().AddAiFlowDatabase(fixture.Database.ConnectionString).BuildServiceProvider();
        var contexts = provider.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
        AiFlowDbContext first;
        await using (first = await contexts.CreateDbContextAsync())
        {
            first.Database.AutoSavepointsEnabled = false;
            first.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            first.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            first.InferenceEndpoints.Add(new InferenceEndpoint { Name = "never-saved-" + Guid.NewGuid(), BaseUrl = "http://127.0.0.1:1/v1", Model = "m" });
        }

        await using var second = await contexts.CreateDbContextAsync();

        Assert.Same(first, second);
        Assert.True(second.Database.AutoSavepointsEnabled);
        Assert.NotEqual(600, second.Database.GetCommandTimeout());
        Assert.Equal(QueryTrackingBehavior.TrackAll, second.ChangeTracker.QueryTrackingBehavior);
        Assert.Empty(second.ChangeTracker.Entries());
    }

    [Fact]
    public async Task Pooled_contexts_still_audit_their_changes()
    {
        await using var provider = new ServiceCollection().AddAiFlowDatabase(fixture.Database.ConnectionString).BuildServiceProvider();
        var contexts = provider.GetRequiredService<IDbContextFactory<AiFlowDbContext>>();
        var name = "pooled-audit-" + Guid.NewGuid();
        var actor = $"pool-{Guid.NewGuid():N}@example.com";
        using (AuditScope.Begin(actor))
        {
            for (var i = 0; i < 2; i++)
            {
                await using var db = await contexts.CreateDbContextAsync();
                db.InferenceEndpoints.Add(new InferenceEndpoint { Name = name + i, BaseUrl = "http://127.0.0.1:1/v1", Model = "m" });
                await db.SaveChangesAsync();
            }
        }

        await using var check = fixture.Database.CreateContext();
        var audited = await check.AuditEntries.Where(a => a.UserName == actor).Select(a => a.EntityType).ToListAsync();
        Assert.Equal([nameof(InferenceEndpoint), nameof(InferenceEndpoint)], audited);
    }
}
