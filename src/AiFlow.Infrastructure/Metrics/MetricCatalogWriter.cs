using AiFlow.Domain.Common;
using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// How every change to the metric catalogue is written: one context and one transaction per change, under a lock that
/// all catalogue writes take (so a profile cannot gain a metric key while that key is renamed); an update must carry
/// the version it read, and any refusal saves nothing.
/// </summary>
internal sealed class MetricCatalogWriter(IDbContextFactory<AiFlowDbContext> contexts)
{
    private const long CatalogLock = 0x4D45545249435321;

    /// <summary>Adds what <paramref name="make"/> builds once <paramref name="check"/> finds no problem.</summary>
    public async Task<MetricCatalogResult<TView>> CreateAsync<TEntity, TView>(string noun, string key,
        Func<AiFlowDbContext, Task<IReadOnlyList<MetricFieldProblem>>> check, Func<TEntity> make, Func<TEntity, TView> view, CancellationToken cancellationToken)
        where TEntity : class, IAudited
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await LockAsync(db, cancellationToken);
        var problems = await check(db);
        if (problems.Count > 0) return MetricCatalogResult.Invalid<TView>(problems);
        var entity = make();
        db.Add(entity);
        return await SaveAsync(db, noun, key, entity, view, updated: false, cancellationToken);
    }

    /// <summary>
    /// Changes what <paramref name="find"/> returns with <paramref name="apply"/>, if its numbered version is still
    /// <paramref name="expectedVersion"/> (checked under the catalogue lock, and xmin still guards the row) and <paramref name="check"/> finds no problem.
    /// </summary>
    public async Task<MetricCatalogResult<TView>> UpdateAsync<TEntity, TView>(string noun, string key, uint expectedVersion,
        Func<AiFlowDbContext, Task<TEntity?>> find, Func<AiFlowDbContext, TEntity, Task<IReadOnlyList<MetricFieldProblem>>> check,
        Action<TEntity> apply, Func<TEntity, TView> view, CancellationToken cancellationToken)
        where TEntity : class, IAudited, INumberedVersions
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await LockAsync(db, cancellationToken);
        var entity = await find(db);
        if (entity is null) return MetricCatalogResult.NotFound<TView>($"There is no {noun} '{key}'.");
        if (entity.Number != expectedVersion) return await ConflictAsync<TView>(db, typeof(TEntity).Name, noun, entity.Id, key, cancellationToken);
        var problems = await check(db, entity);
        if (problems.Count > 0) return MetricCatalogResult.Invalid<TView>(problems);
        apply(entity);
        return await SaveAsync(db, noun, key, entity, view, updated: true, cancellationToken);
    }

    /// <summary>The problem for a key another row has, at /key.</summary>
    public static MetricFieldProblem Taken(string noun, string key) =>
        new("/key", $"A {noun} with key '{key}' already exists; pick another key or edit that {noun}.");

    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> LockAsync(AiFlowDbContext db, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CatalogLock})", cancellationToken);
        return transaction;
    }

    /// <summary>Saves and commits; a concurrent save of the same row is a conflict, a key taken meanwhile is refused at /key.</summary>
    private async Task<MetricCatalogResult<TView>> SaveAsync<TEntity, TView>(AiFlowDbContext db, string noun, string key, TEntity entity,
        Func<TEntity, TView> view, bool updated, CancellationToken cancellationToken)
        where TEntity : class, IAudited
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.CommitTransactionAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (updated)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync<TView>(fresh, typeof(TEntity).Name, noun, entity.Id, key, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return MetricCatalogResult.Invalid<TView>([Taken(noun, db.Entry(entity).Property<string>("Key").CurrentValue ?? key)]);
        }
        return MetricCatalogResult.Ok(view(entity));
    }

    private static async Task<MetricCatalogResult<T>> ConflictAsync<T>(AiFlowDbContext db, string entityType, string noun, Guid id, string key, CancellationToken cancellationToken)
    {
        var author = await LastAuthor.FindAsync(db, entityType, id, cancellationToken);
        return MetricCatalogResult.Conflict<T>(
            $"The {noun} '{key}' was changed {LastAuthor.Describe(author)} after you read it; nothing was saved. Reload to see the current version, then make your change again.");
    }
}
