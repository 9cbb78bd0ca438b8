using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Access;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Access;

public sealed class ApiKeyService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    public async Task<List<ApiKeySummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeySummary(k.Id, k.Name, k.Prefix, k.Role, k.CreatedBy, k.CreatedAt, k.RevokedAt, k.LastUsedAt))
            .ToListAsync(cancellationToken);
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
