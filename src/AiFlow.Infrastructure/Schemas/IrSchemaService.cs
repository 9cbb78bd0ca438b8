using System.Security.Claims;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Schemas;

/// <summary>
/// IR schema CRUD (seed 001): every write is checked against the draft 2020-12 meta-schema and compiled; a refused
/// schema saves nothing. Versions are immutable; exactly one is active per schema.
/// </summary>
public sealed class IrSchemaService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    public async Task<IrSchemaWriteResult> CreateAsync(string name, Guid? stepDefinitionId, JsonNode? schema, bool assertFormats, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        if (string.IsNullOrWhiteSpace(name)) return IrSchemaWriteResult.Refused("/name", ["A name is required."]);
        name = name.Trim();
        var problems = Check(schema);
        if (problems.Count > 0) return IrSchemaWriteResult.Refused("/schema", problems);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.IrSchemas.AnyAsync(s => s.Name == name, cancellationToken)) return NameTaken(name);
        var entity = new IrSchema { Name = name, StepDefinitionId = stepDefinitionId };
        var version = NewVersion(entity.Id, 1, schema!, assertFormats, author, isActive: true);
        db.AddRange(entity, version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return NameTaken(name);
        }
        return IrSchemaWriteResult.Saved(entity.Id, version.Id, 1);
    }

    /// <summary>
    /// Saves a new, inactive version. With <paramref name="expectedLatest"/> (the latest version when the Admin loaded the
    /// schema) the save is a conflict if someone saved another version meanwhile: two Admins editing the same schema do
    /// not silently stack their versions on each other.
    /// </summary>
    public async Task<IrSchemaWriteResult> AddVersionAsync(Guid schemaId, JsonNode? schema, bool assertFormats, int? expectedLatest, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        var problems = Check(schema);
        if (problems.Count > 0) return IrSchemaWriteResult.Refused("/schema", problems);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.IrSchemas.AnyAsync(s => s.Id == schemaId, cancellationToken)) return IrSchemaWriteResult.NotFound($"There is no IR schema {schemaId}.");
        var latest = await db.IrSchemaVersions.AsNoTracking().Where(v => v.IrSchemaId == schemaId).OrderByDescending(v => v.Number)
            .Select(v => new { v.Number, v.CreatedBy, v.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        if (expectedLatest is { } expected && latest is not null && latest.Number != expected)
        {
            return IrSchemaWriteResult.Conflict($"{latest.CreatedBy ?? "Someone"} saved v{latest.Number} at {latest.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC, " +
                $"after you loaded this schema at v{expected}. Nothing was saved: reload to see theirs, or save yours as v{latest.Number + 1}.");
        }
        var next = (latest?.Number ?? 0) + 1;
        var version = NewVersion(schemaId, next, schema!, assertFormats, author, isActive: false);
        db.IrSchemaVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return IrSchemaWriteResult.Conflict($"Another Admin saved v{next} at the same moment. Nothing was saved: reload to see theirs, then save again.");
        }
        return IrSchemaWriteResult.Saved(schemaId, version.Id, next);
    }

    public async Task<IrSchemaWriteResult> ActivateAsync(Guid versionId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.IrSchemaVersions.FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null) return IrSchemaWriteResult.NotFound($"There is no IR schema version {versionId}.");
        if (version.IsActive) return IrSchemaWriteResult.Saved(version.IrSchemaId, version.Id, version.Number);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var active in await db.IrSchemaVersions.Where(v => v.IrSchemaId == version.IrSchemaId && v.IsActive).ToListAsync(cancellationToken))
            {
                active.IsActive = false;
            }
            // Clear the old active row first: the unique partial index admits one active version at any moment.
            await db.SaveChangesAsync(cancellationToken);
            version.IsActive = true;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return IrSchemaWriteResult.Conflict("Another version was activated at the same moment; reload and try again.");
        }
        return IrSchemaWriteResult.Saved(version.IrSchemaId, version.Id, version.Number);
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
        return await SummariesAsync(query.OrderBy(v => v.IrSchema!.Name).ThenByDescending(v => v.Number), cancellationToken);
    }

    /// <summary>One schema's versions, oldest first, as the list shows them; empty when there is no such schema.</summary>
    public async Task<List<IrSchemaVersionSummary>> GetAsync(Guid schemaId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await SummariesAsync(db.IrSchemaVersions.AsNoTracking().Where(v => v.IrSchemaId == schemaId).OrderBy(v => v.Number), cancellationToken);
    }

    private static async Task<List<IrSchemaVersionSummary>> SummariesAsync(IQueryable<IrSchemaVersion> versions, CancellationToken cancellationToken)
    {
        var rows = await versions
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
        // Compile problems carry no keyword location and name their own.
        return IrValidationService.CheckSchema(schema.ToJsonString())
            .Select(e => e.KeywordLocation.Length == 0 ? e.Message : $"{(e.InstanceLocation.Length == 0 ? "/" : e.InstanceLocation)}: {e.Message}").ToList();
    }

    private static IrSchemaWriteResult NameTaken(string name) => IrSchemaWriteResult.Refused("/name", [$"A schema named '{name}' exists: add a version to it instead."]);

    /// <summary>Every write checks the role here, on the server, whatever a page shows.</summary>
    private static string RequireAdmin(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may change IR schemas.");
        }
        return user.Identity.Name ?? "unknown";
    }

    private IrSchemaVersion NewVersion(Guid schemaId, int number, JsonNode schema, bool assertFormats, string user, bool isActive) => new()
    {
        IrSchemaId = schemaId, Number = number, SchemaJson = schema.ToJsonString(), AssertFormats = assertFormats,
        IsActive = isActive, CreatedAt = clock.GetUtcNow(), CreatedBy = user,
    };
}
