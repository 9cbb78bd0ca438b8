using System.Linq.Expressions;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Access;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Access;

public sealed class ApiKeyService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    // One mapping for the list and the single read, translated to SQL: never the key's hash.
    private static readonly Expression<Func<ApiKey, ApiKeySummary>> Summary =
        k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.Role, k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt);

    public async Task<List<ApiKeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).Select(Summary).ToListAsync(cancellationToken);
    }

    /// <summary>One key as the list shows it, or null.</summary>
    public async Task<ApiKeySummary?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().Where(k => k.Id == id).Select(Summary).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>The longest name a key may have: it signs the key's work as "apikey:&lt;name&gt;" in columns of 200 characters.</summary>
    public const int MaxName = 100;

    public async Task<CreatedApiKey> CreateAsync(string name, string role, string? createdBy, CancellationToken cancellationToken)
    {
        var key = ApiKeyHasher.NewKey();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = new ApiKey
        {
            Name = name, Role = role, KeyHash = ApiKeyHasher.Hash(key), Prefix = ApiKeyHasher.Prefix(key),
            CreatedBy = createdBy, CreatedAt = clock.GetUtcNow(),
        };
        db.ApiKeys.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(entity.Id, name, role, key);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entity = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (entity is null) return false;
        entity.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
