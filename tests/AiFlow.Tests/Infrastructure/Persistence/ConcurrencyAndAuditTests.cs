using AiFlow.Domain.Common;
using AiFlow.Domain.Inference;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Tests.Infrastructure.Persistence;

public class ConcurrencyAndAuditTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private readonly AuditingInterceptor auditing = new(TimeProvider.System);

    [Fact]
    public async Task A_stale_save_raises_a_concurrency_error_and_keeps_the_first_write()
    {
        var id = await AddEndpointAsync("stale-" + Guid.NewGuid());
        await using var first = fixture.Database.CreateContext(auditing);
        await using var second = fixture.Database.CreateContext(auditing);
        var mine = await first.InferenceEndpoints.SingleAsync(e => e.Id == id);
        var theirs = await second.InferenceEndpoints.SingleAsync(e => e.Id == id);

        theirs.MaxConcurrency = 3;
        await second.SaveChangesAsync();
        mine.MaxConcurrency = 99;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
        await using var check = fixture.Database.CreateContext();
        Assert.Equal(3, (await check.InferenceEndpoints.SingleAsync(e => e.Id == id)).MaxConcurrency);
    }

    [Fact]
    public async Task Every_change_writes_an_audit_entry_with_who_before_and_after()
    {
        var id = await AddEndpointAsync("audited-" + Guid.NewGuid());
        using (AuditScope.Begin("alice@example.com"))
        {
            await using var db = fixture.Database.CreateContext(auditing);
            var endpoint = await db.InferenceEndpoints.SingleAsync(e => e.Id == id);
            endpoint.TimeoutMs = 1234;
            await db.SaveChangesAsync();
        }

        await using var check = fixture.Database.CreateContext();
        var entries = await check.AuditEntries.Where(a => a.EntityId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Updated], entries.Select(e => e.Action));
        var update = entries[1];
        Assert.Equal("alice@example.com", update.UserName);
        Assert.Equal(nameof(InferenceEndpoint), update.EntityType);
        Assert.Contains("\"TimeoutMs\": 60000", update.Before!.Replace(":", ": ", StringComparison.Ordinal).Replace(":  ", ": ", StringComparison.Ordinal));
        Assert.Contains("1234", update.After);
    }

    private async Task<Guid> AddEndpointAsync(string name)
    {
        await using var db = fixture.Database.CreateContext(auditing);
        var endpoint = new InferenceEndpoint { Name = name, BaseUrl = "http://127.0.0.1:1/v1", Model = "m" };
        db.InferenceEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint.Id;
    }
}
