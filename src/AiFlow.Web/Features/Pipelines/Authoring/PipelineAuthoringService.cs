using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>
/// Creates, edits, publishes and activates pipeline versions. One context per operation; every change is checked for
/// the Admin role here, on the server, whatever the page shows. Published versions are never changed.
/// </summary>
public sealed partial class PipelineAuthoringService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, GateService gate, StepKindRegistry kinds)
{
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9][a-z0-9_-]{1,99}$")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();

    public async Task<AuthoringCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // Archived steps stay in the catalog so the nodes pinning them resolve and publish; Offered leaves them out.
        // Only published step versions: they are immutable, so what a pipeline pins cannot change under it.
        var rows = await db.StepVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.StepDefinition!.Key).ThenBy(v => v.Number)
            .Select(v => new
            {
                Option = new StepOption(v.Id, v.StepDefinition!.Key, v.StepDefinition.Name, v.Number, v.StepDefinition.Kind.ToString(), v.MetricProfileId,
                    db.IrSchemaVersions.Where(s => s.Id == v.IrSchemaVersionId).Select(s => s.IrSchema!.Name + " v" + s.Number).FirstOrDefault(),
                    v.StepDefinition.ArchivedAt != null),
                Schema = db.IrSchemaVersions.Where(s => s.Id == v.IrSchemaVersionId).Select(s => s.SchemaJson).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var steps = rows.Select(r => r.Option with { OutputFields = SchemaFields.TopLevel(r.Schema) }).ToList();
        var profiles = await db.MetricProfiles.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
        // The palette offers only kinds this build runs; a pipeline that pins another is refused by name when published.
        var offered = steps.Where(s => Enum.TryParse<StepKind>(s.Kind, out var kind) && kinds.IsRunnable(kind)).ToList();
        var notRunnable = steps.Except(offered).ToDictionary(s => s.StepVersionId, s => $"{s.Label} is a {s.Kind} step, which cannot run in this build.");
        return new AuthoringCatalog(offered, profiles.Select(p => new ProfileOption(p.Id, p.Key, p.Name, p.Targets.Select(t => t.MetricKey).ToList())).ToList(), notRunnable);
    }

    public async Task<AuthoringResult> CreatePipelineAsync(string key, string name, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        key = key.Trim();
        if (!KeyPattern().IsMatch(key)) return AuthoringResult.Invalid("A key is 2-100 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(name)) return AuthoringResult.Invalid("A name is required.");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.PipelineDefinitions.AnyAsync(p => p.Key == key, cancellationToken)) return AuthoringResult.Invalid($"A pipeline with key '{key}' already exists.");
        var definition = new PipelineDefinition { Key = key, Name = name.Trim() };
        var draft = NewVersion(definition, 1, new PipelineDag(), new DagLayout(), author, "Created");
        db.AddRange(definition, draft);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AuthoringResult.Invalid($"A pipeline with key '{key}' already exists.");
        }
        return AuthoringResult.Ok(ToDraft(definition, draft));
    }

    /// <summary>The version to show: the draft if there is one, else the latest version. Read-only; creates nothing.</summary>
    public async Task<PipelineDraft?> GetCurrentAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.PipelineDefinitions.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (definition is null) return null;
        var version = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinitionId == definition.Id)
            .OrderByDescending(v => v.Status == VersionStatus.Draft).ThenByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : ToDraft(definition, version);
    }

    public async Task<PipelineDraft?> GetVersionAsync(string key, int number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.PipelineVersions.AsNoTracking().Include(v => v.PipelineDefinition)
            .FirstOrDefaultAsync(v => v.PipelineDefinition!.Key == key && v.Number == number, cancellationToken);
        return found is null ? null : ToDraft(found.PipelineDefinition!, found);
    }

    /// <summary>The pipeline's draft, created from the latest version when there is none.</summary>
    public async Task<AuthoringResult> GetOrCreateDraftAsync(string key, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (definition is null) return AuthoringResult.NotFound($"There is no pipeline '{key}'.");
        var versions = await db.PipelineVersions.Where(v => v.PipelineDefinitionId == definition.Id).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        var draft = versions.FirstOrDefault(v => v.Status == VersionStatus.Draft);
        if (draft is null)
        {
            var latest = versions.FirstOrDefault();
            draft = NewVersion(definition, (latest?.Number ?? 0) + 1, Copy(latest?.Dag ?? new PipelineDag()), Copy(latest?.Layout ?? new DagLayout()),
                author, latest is null ? null : $"Draft from v{latest.Number}");
            db.PipelineVersions.Add(draft);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Someone created the draft at the same moment: theirs is the draft.
                return await GetOrCreateDraftAsync(key, user, cancellationToken);
            }
        }
        return AuthoringResult.Ok(ToDraft(definition, draft));
    }

    /// <summary>
    /// Saves the draft's DAG and layout if nobody saved it since <paramref name="expectedRowVersion"/>.
    /// <paramref name="inputSchemaJson"/>, when given, is the pipeline's input JSON Schema saved in the same transaction
    /// (blank removes it); a schema that is not valid JSON Schema is refused and nothing is saved. The input schema
    /// belongs to the pipeline, not to one version: runs of every version are checked against it from then on.
    /// </summary>
    public async Task<AuthoringResult> SaveDraftAsync(Guid versionId, uint expectedRowVersion, PipelineDag dag, DagLayout layout, ClaimsPrincipal user, CancellationToken cancellationToken,
        string? inputSchemaJson = null)
    {
        var author = RequireAdmin(user);
        if (!string.IsNullOrWhiteSpace(inputSchemaJson))
        {
            var problems = AiFlow.Infrastructure.Schemas.IrValidationService.CheckSchema(inputSchemaJson);
            if (problems.Count > 0)
            {
                return AuthoringResult.Invalid(problems.Select(p => new EditorIssue($"Input schema{(p.InstanceLocation.Length > 0 ? " at " + p.InstanceLocation : "")}: {p.Message}", [])).ToList());
            }
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PipelineVersions.Include(v => v.PipelineDefinition).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null) return AuthoringResult.NotFound("The draft no longer exists.");
        if (version.Status != VersionStatus.Draft)
        {
            return AuthoringResult.Conflict($"v{version.Number} was published by {version.UpdatedBy ?? "someone"} and can no longer change; your edits are kept here.",
                version.UpdatedBy, version.UpdatedAt);
        }
        if (version.Version != expectedRowVersion) return Conflict(version);

        db.Entry(version).Property(v => v.Version).OriginalValue = expectedRowVersion;
        version.Dag = Copy(dag);
        version.Layout = Copy(layout);
        version.UpdatedBy = author;
        version.UpdatedAt = clock.GetUtcNow();
        if (inputSchemaJson is not null)
        {
            version.PipelineDefinition!.InputSchemaJson = string.IsNullOrWhiteSpace(inputSchemaJson) ? null : inputSchemaJson;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var theirs = await fresh.PipelineVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, cancellationToken);
            return Conflict(theirs);
        }
        return AuthoringResult.Ok(ToDraft(version.PipelineDefinition!, version));
    }

    /// <summary>
    /// Publishes the stored draft if every check passes; otherwise refuses with the issues and changes nothing.
    /// <paramref name="releaseNotes"/> (optional) stays with the version and shows in its history.
    /// </summary>
    public async Task<AuthoringResult> PublishAsync(Guid versionId, uint expectedRowVersion, ClaimsPrincipal user, CancellationToken cancellationToken, string? releaseNotes = null)
    {
        var author = RequireAdmin(user);
        releaseNotes = string.IsNullOrWhiteSpace(releaseNotes) ? null : releaseNotes.Trim();
        if (releaseNotes?.Length > PipelineVersion.ReleaseNotesMaxLength)
        {
            return AuthoringResult.Invalid($"Release notes are at most {PipelineVersion.ReleaseNotesMaxLength} characters; these have {releaseNotes.Length}.");
        }
        var catalog = await CatalogAsync(cancellationToken);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PipelineVersions.Include(v => v.PipelineDefinition).FirstOrDefaultAsync(v => v.Id == versionId, cancellationToken);
        if (version is null) return AuthoringResult.NotFound("The draft no longer exists.");
        if (version.Status != VersionStatus.Draft) return AuthoringResult.Invalid($"v{version.Number} is already {version.Status.ToString().ToLowerInvariant()}.");
        if (version.Version != expectedRowVersion) return Conflict(version);

        var issues = PipelineChecks.Validate(version.Dag, catalog);
        if (issues.Count > 0) return AuthoringResult.Invalid(issues);

        db.Entry(version).Property(v => v.Version).OriginalValue = expectedRowVersion;
        var now = clock.GetUtcNow();
        version.Status = VersionStatus.Published;
        version.PublishedAt = now;
        version.ReleaseNotes = releaseNotes;
        version.UpdatedAt = now;
        version.UpdatedBy = author;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return Conflict(await fresh.PipelineVersions.AsNoTracking().FirstAsync(v => v.Id == versionId, cancellationToken));
        }
        return AuthoringResult.Ok(ToDraft(version.PipelineDefinition!, version));
    }

    /// <summary>
    /// Makes a published version the active one: the old active is cleared and the new one set in one transaction. The
    /// pipeline's gate policy must pass first (<see cref="GateService"/>); an Admin may go past a refusing gate only with a
    /// written reason, which stays on the version and in the audit log.
    /// </summary>
    public async Task<AuthoringResult> ActivateAsync(string key, int number, ClaimsPrincipal user, CancellationToken cancellationToken, string? overrideReason = null)
    {
        RequireAdmin(user);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        if (definition is null) return AuthoringResult.NotFound($"There is no pipeline '{key}'.");
        var target = await db.PipelineVersions.FirstOrDefaultAsync(v => v.PipelineDefinitionId == definition.Id && v.Number == number, cancellationToken);
        if (target is null) return AuthoringResult.NotFound($"Pipeline '{key}' has no v{number}.");
        if (target.Status != VersionStatus.Published) return AuthoringResult.Invalid($"Only a published version can be activated; v{number} is {target.Status.ToString().ToLowerInvariant()}.");
        if (target.IsActive) return AuthoringResult.Ok(ToDraft(definition, target));
        var report = await gate.CheckAsync(definition.Id, target.Id, cancellationToken);
        if (!report.Passed)
        {
            if (string.IsNullOrWhiteSpace(overrideReason)) return AuthoringResult.GateRefused(report);
            target.GateOverrideReason = overrideReason.Trim();
            target.GateOverriddenBy = user.Identity?.Name;
            target.GateOverriddenAt = clock.GetUtcNow();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var current = await db.PipelineVersions.Where(v => v.PipelineDefinitionId == definition.Id && v.IsActive).ToListAsync(cancellationToken);
            foreach (var old in current) old.IsActive = false;
            await db.SaveChangesAsync(cancellationToken);
            target.IsActive = true;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return AuthoringResult.Conflict("Another version was activated at the same moment; reload and try again.", null, null);
        }
        return AuthoringResult.Ok(ToDraft(definition, target));
    }

    public async Task<IReadOnlyList<VersionSummary>> HistoryAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.PipelineVersions.AsNoTracking().Where(v => v.PipelineDefinition!.Key == key)
            .OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return versions.Select(v => new VersionSummary(v.Number, v.Status, v.IsActive, v.Dag.Nodes.Count, v.CreatedAt, v.CreatedBy,
            v.UpdatedAt, v.UpdatedBy, v.PublishedAt, v.Notes, v.ReleaseNotes)).ToList();
    }

    /// <summary>Puts an older version's DAG and layout into the draft (a new draft when there is none).</summary>
    public async Task<AuthoringResult> RestoreAsync(string key, int number, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var source = await GetVersionAsync(key, number, cancellationToken);
        if (source is null) return AuthoringResult.NotFound($"Pipeline '{key}' has no v{number}.");
        return await ReplaceDraftAsync(key, source.Dag, source.Layout, $"Restored from v{number}", user, cancellationToken);
    }

    public async Task<DagDiffResult?> DiffAsync(string key, int from, int to, CancellationToken cancellationToken)
    {
        var a = await GetVersionAsync(key, from, cancellationToken);
        var b = await GetVersionAsync(key, to, cancellationToken);
        return a is null || b is null ? null : DagDiff.Compare(a.Dag, b.Dag);
    }

    private async Task<AuthoringResult> ReplaceDraftAsync(string key, PipelineDag dag, DagLayout layout, string notes, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        var draftResult = await GetOrCreateDraftAsync(key, user, cancellationToken);
        if (!draftResult.Succeeded) return draftResult;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var draft = await db.PipelineVersions.Include(v => v.PipelineDefinition).FirstAsync(v => v.Id == draftResult.Draft!.VersionId, cancellationToken);
        draft.Dag = Copy(dag);
        draft.Layout = Copy(layout);
        draft.Notes = notes;
        draft.UpdatedBy = author;
        draft.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return AuthoringResult.Ok(ToDraft(draft.PipelineDefinition!, draft));
    }

    private PipelineVersion NewVersion(PipelineDefinition definition, int number, PipelineDag dag, DagLayout layout, string author, string? notes)
    {
        var now = clock.GetUtcNow();
        return new PipelineVersion
        {
            PipelineDefinitionId = definition.Id, Number = number, Status = VersionStatus.Draft, Dag = dag, Layout = layout,
            CreatedAt = now, CreatedBy = author, UpdatedAt = now, UpdatedBy = author, Notes = notes,
        };
    }

    private static AuthoringResult Conflict(PipelineVersion theirs) =>
        AuthoringResult.Conflict(
            $"v{theirs.Number} was saved by {theirs.UpdatedBy ?? "someone"} at {theirs.UpdatedAt:yyyy-MM-dd HH:mm:ss} UTC after you opened it; your edits are kept here. Reload to see theirs.",
            theirs.UpdatedBy, theirs.UpdatedAt);

    private static PipelineDraft ToDraft(PipelineDefinition definition, PipelineVersion v) =>
        new(definition.Key, definition.Name, v.Id, v.Number, v.Status, v.IsActive, v.Version, Copy(v.Dag), Copy(v.Layout), v.UpdatedBy, v.UpdatedAt, v.Notes,
            v.GateOverrideReason, v.GateOverriddenBy, v.GateOverriddenAt, v.ReleaseNotes, definition.InputSchemaJson);

    private static string RequireAdmin(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may change pipelines.");
        }
        return user.Identity.Name ?? "unknown";
    }

    private static T Copy<T>(T value) where T : class =>
        System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(value))!;
}
