using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Schemas;

/// <summary>
/// IR schema CRUD (seed 001): every write is checked against the draft 2020-12 meta-schema and compiled; a refused
/// schema saves nothing. Versions are immutable; exactly one is active per schema.
/// </summary>
public sealed class IrSchemaService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    public async Task<IrSchemaWriteResult> CreateAsync(string name, Guid? stepDefinitionId, JsonNode? schema, bool assertFormats, string? user, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) return IrSchemaWriteResult.Refused("A name is required.");
        var problems = Check(schema);
        if (problems.Count > 0) return IrSchemaWriteResult.Refused([.. problems]);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.IrSchemas.AnyAsync(s => s.Name == name, cancellationToken)) return IrSchemaWriteResult.Refused($"A schema named '{name}' exists: update it to add a version.");
        var entity = new IrSchema { Name = name.Trim(), StepDefinitionId = stepDefinitionId };
        var version = NewVersion(entity.Id, 1, schema!, assertFormats, user, isActive: true);
        db.AddRange(entity, version);
        await db.SaveChangesAsync(cancellationToken);
        return new IrSchemaWriteResult(entity.Id, version.Id, 1, []);
    }

    public async Task<IrSchemaWriteResult> AddVersionAsync(Guid schemaId, JsonNode? schema, bool assertFormats, string? user, CancellationToken cancellationToken)
    {
        var problems = Check(schema);
        if (problems.Count > 0) return IrSchemaWriteResult.Refused([.. problems]);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.IrSchemas.AnyAsync(s => s.Id == schemaId, cancellationToken)) return IrSchemaWriteResult.Refused($"There is no IR schema {schemaId}.");
        var next = (await db.IrSchemaVersions.Where(v => v.IrSchemaId == schemaId).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0) + 1;
        var version = NewVersion(schemaId, next, schema!, assertFormats, user, isActive: false);
        db.IrSchemaVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return new IrSchemaWriteResult(schemaId, version.Id, next, []);
    }

    public async Task<bool> ActivateAsync(Guid versionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.IrSchemaVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null) return false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var active in await db.IrSchemaVersions.Where(v => v.IrSchemaId == version.IrSchemaId && v.IsActive && v.Id != versionId).ToListAsync(cancellationToken))
        {
            active.IsActive = false;
        }
        // Clear the old active row first: the unique partial index admits one active version at any moment.
        await db.SaveChangesAsync(cancellationToken);
        version.IsActive = true;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<List<IrSchemaVersionSummary>> ListAsync(Guid? stepVersionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.IrSchemaVersions.AsNoTracking().AsQueryable();
        if (stepVersionId is { } sv)
        {
            var step = await db.StepVersions.AsNoTracking().Where(v => v.Id == sv).Select(v => new { v.IrSchemaVersionId, v.StepDefinitionId }).FirstOrDefaultAsync(cancellationToken);
            if (step is null) return [];
            var schemaIds = db.IrSchemas.Where(s => s.StepDefinitionId == step.StepDefinitionId).Select(s => s.Id)
                .Union(db.IrSchemaVersions.Where(v => v.Id == step.IrSchemaVersionId).Select(v => v.IrSchemaId));
            query = query.Where(v => schemaIds.Contains(v.IrSchemaId));
        }
        var rows = await query.OrderBy(v => v.IrSchema!.Name).ThenByDescending(v => v.Number)
            .Select(v => new { v.Id, v.IrSchemaId, v.IrSchema!.Name, v.Number, v.IsActive, v.AssertFormats, v.SchemaJson, v.CreatedAt, v.CreatedBy })
            .ToListAsync(cancellationToken);
        return rows.Select(v => new IrSchemaVersionSummary(v.Id, v.IrSchemaId, v.Name, v.Number, v.IsActive, v.AssertFormats, JsonNode.Parse(v.SchemaJson), v.CreatedAt, v.CreatedBy)).ToList();
    }

    public async Task<(bool Found, bool Valid, IReadOnlyList<IrValidationError> Errors)> ValidateAsync(
        JsonNode? schema, Guid? schemaVersionId, JsonNode? instance, bool assertFormats, CancellationToken cancellationToken)
    {
        string? schemaJson = schema?.ToJsonString();
        if (schemaVersionId is { } id)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var stored = await db.IrSchemaVersions.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.SchemaJson, v.AssertFormats }).FirstOrDefaultAsync(cancellationToken);
            if (stored is null) return (false, false, []);
            schemaJson = stored.SchemaJson;
            assertFormats |= stored.AssertFormats;
        }
        var problems = Check(JsonNode.Parse(schemaJson ?? "null"));
        if (problems.Count > 0) return (true, false, problems.Select(p => new IrValidationError("", "", "Schema: " + p)).ToList());
        var compiled = JsonSchemaCompiler.Compile(schemaJson!, new SchemaValidationOptions { AssertFormats = assertFormats });
        var valid = IrValidationService.Validate(compiled, instance?.ToJsonString() ?? "null", out var errors);
        return (true, valid, errors);
    }

    /// <summary>Meta-schema check plus compilation (bad regex, broken $ref): the reasons a person can act on.</summary>
    public static IReadOnlyList<string> Check(JsonNode? schema)
    {
        if (schema is not (JsonObject or JsonValue)) return ["The schema must be a JSON object or a boolean."];
        using var document = JsonDocument.Parse(schema.ToJsonString());
        var meta = MetaSchemaValidator.Validate(document.RootElement);
        if (!meta.IsValid) return meta.Errors.Select(e => $"{(e.InstanceLocation.Length == 0 ? "/" : e.InstanceLocation)}: {e.Message}").ToList();
        try
        {
            JsonSchemaCompiler.Compile(document.RootElement);
            return [];
        }
        catch (SchemaCompilationException ex)
        {
            return ex.Problems;
        }
    }

    private IrSchemaVersion NewVersion(Guid schemaId, int number, JsonNode schema, bool assertFormats, string? user, bool isActive) => new()
    {
        IrSchemaId = schemaId, Number = number, SchemaJson = schema.ToJsonString(), AssertFormats = assertFormats,
        IsActive = isActive, CreatedAt = clock.GetUtcNow(), CreatedBy = user,
    };
}
