using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.IrSchemas;

/// <summary>No-tracking reads for the schema editor; writes go through <see cref="Infrastructure.Schemas.IrSchemaService"/>.</summary>
public sealed class IrSchemaQueries(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<List<IrSchemaRow>> SchemasAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IrSchemas.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new IrSchemaRow(s.Id, s.Name,
                s.Versions.Where(v => v.IsActive).Select(v => (int?)v.Number).FirstOrDefault(),
                s.Versions.Max(v => (int?)v.Number) ?? 0, s.ArchivedAt != null))
            .ToListAsync(cancellationToken);
    }

    public async Task<List<IrSchemaVersionRow>> VersionsAsync(Guid schemaId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IrSchemaVersions.AsNoTracking().Where(v => v.IrSchemaId == schemaId).OrderByDescending(v => v.Number)
            .Select(v => new IrSchemaVersionRow(v.Id, v.Number, v.IsActive, v.AssertFormats, v.CreatedAt, v.CreatedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<string?> SchemaJsonAsync(Guid versionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IrSchemaVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.SchemaJson).FirstOrDefaultAsync(cancellationToken);
    }
}
