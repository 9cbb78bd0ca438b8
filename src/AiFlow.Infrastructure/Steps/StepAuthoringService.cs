using System.Security.Claims;
using System.Text.RegularExpressions;
using AiFlow.Domain.Common;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Infrastructure.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Infrastructure.Steps;

/// <summary>
/// Step definitions and their versions: a draft is edited (saves are checked against the row version, so a stale one
/// is a conflict naming who saved), then published, after which the service refuses every change to it. Mutations
/// are Admin-only here; a refused change saves nothing. Only kinds this build can run (<see cref="StepKindRegistry"/>)
/// are offered: a step of another kind cannot be created, nor a version of one created, saved or published.
/// A step's first version starts with the review sampling rate an Admin set as the default (<c>AiFlow:Review:DefaultSamplingRate</c>).
/// </summary>
public sealed partial class StepAuthoringService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, StepKindRegistry kinds,
    IOptionsMonitor<ReviewOptions>? reviewOptions = null)
{
    private const string What = "steps";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{1,99}$")]
    private static partial Regex KeyPattern();

    /// <summary>The kinds a new step may have: those with a registered executor, in the enum's order.</summary>
    public IReadOnlyList<StepKind> AuthorableKinds => kinds.Runnable;

    /// <summary>Why a step of <paramref name="kind"/> cannot be authored, or null when it can.</summary>
    public string? WhyNotAuthorable(StepKind kind) => kinds.IsRunnable(kind) ? null
        : $"{kind} steps cannot run in this build, so they cannot be authored or published; the kinds that run are {string.Join(", ", kinds.Runnable)}.";

    public async Task<IReadOnlyList<StepSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definitions = await db.StepDefinitions.AsNoTracking().OrderBy(d => d.Key)
            .Select(d => new { d.Id, d.Key, d.Name, d.Kind, d.Description, Archived = d.ArchivedAt != null }).ToListAsync(cancellationToken);
        var versions = await db.StepVersions.AsNoTracking().OrderBy(v => v.Number)
            .Select(v => new
            {
                v.StepDefinitionId,
                Summary = new StepVersionSummary(v.Number, v.Status, v.ValidationMode,
                    db.PromptTemplateVersions.Where(p => p.Id == v.PromptTemplateVersionId)
                        .Select(p => db.PromptTemplates.Where(t => t.Id == p.PromptTemplateId).Select(t => t.Key).First() + " v" + p.Number).FirstOrDefault(),
                    db.ModelRoutes.Where(r => r.Id == v.ModelRouteId).Select(r => r.Name).FirstOrDefault(),
                    db.IrSchemaVersions.Where(s => s.Id == v.IrSchemaVersionId).Select(s => s.IrSchema!.Name + " v" + s.Number).FirstOrDefault(),
                    db.MetricProfiles.Where(m => m.Id == v.MetricProfileId).Select(m => m.Name).FirstOrDefault(),
                    v.PublishedAt),
            })
            .ToListAsync(cancellationToken);
        var byStep = versions.ToLookup(v => v.StepDefinitionId, v => v.Summary);
        return definitions.Select(d => new StepSummary(d.Key, d.Name, d.Kind, d.Description, [.. byStep[d.Id]], d.Archived)).ToList();
    }

    public async Task<StepDetails?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.StepDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (definition is null) return null;
        var versions = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == definition.Id)
            .OrderByDescending(v => v.Number).ToListAsync(cancellationToken);
        return new StepDetails(definition.Id, definition.Key, definition.Name, definition.Kind, definition.Description, versions.Select(Details).ToList());
    }

    public async Task<StepCatalog> CatalogAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var routes = await db.ModelRoutes.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new CatalogOption(r.Id, r.Name, r.TaskType)).ToListAsync(cancellationToken);
        // Each schema's active version comes first: it is the one the console suggests and new versions pin (ADR 0032).
        var schemas = await db.IrSchemaVersions.AsNoTracking().OrderBy(s => s.IrSchema!.Name).ThenByDescending(s => s.IsActive).ThenByDescending(s => s.Number)
            .Select(s => new CatalogOption(s.Id, s.IrSchema!.Name + " v" + s.Number,
                s.IrSchema.ArchivedAt != null ? "archived" : s.IsActive ? "active" : null, s.IrSchema.ArchivedAt != null)).ToListAsync(cancellationToken);
        var prompts = await db.PromptTemplateVersions.AsNoTracking()
            .Join(db.PromptTemplates, v => v.PromptTemplateId, t => t.Id, (v, t) => new { v.Id, t.Key, v.Number, v.Variants, Archived = t.ArchivedAt != null })
            .OrderBy(p => p.Key).ThenByDescending(p => p.Number).ToListAsync(cancellationToken);
        var profiles = await db.MetricProfiles.AsNoTracking().OrderBy(p => p.Key)
            .Select(p => new CatalogOption(p.Id, p.Name, p.Key)).ToListAsync(cancellationToken);
        return new StepCatalog(routes, schemas,
            prompts.Select(p => new CatalogOption(p.Id, $"{p.Key} v{p.Number}",
                p.Archived ? "archived" : p.Variants.Count == 0 ? null : "A/B: " + string.Join(", ", p.Variants.Select(x => $"{x.Name} ({x.Weight:0.##})")), p.Archived)).ToList(),
            profiles);
    }

    public async Task<SaveResult<StepDetails>> CreateStepAsync(string key, string name, StepKind kind, string? description, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        key = (key ?? "").Trim();
        if (!KeyPattern().IsMatch(key)) return SaveResult.Invalid<StepDetails>("/key", "A key is 2-100 characters: lower-case letters, digits, '-' and '_', starting with a letter or digit.");
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200) return SaveResult.Invalid<StepDetails>("/name", "A name of 1-200 characters is required.");
        if (!Enum.IsDefined(kind)) return SaveResult.Invalid<StepDetails>("/kind", $"Kind must be one of {string.Join(", ", kinds.Runnable)}.");
        if (WhyNotAuthorable(kind) is { } refusal) return SaveResult.Invalid<StepDetails>("/kind", refusal);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.StepDefinitions.AnyAsync(d => d.Key == key, cancellationToken)) return SaveResult.Invalid<StepDetails>("/key", $"A step with key '{key}' already exists.");
        var definition = new StepDefinition { Key = key, Name = name.Trim(), Kind = kind, Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim() };
        db.StepDefinitions.Add(definition);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SaveResult.Invalid<StepDetails>("/key", $"A step with key '{key}' already exists.");
        }
        return SaveResult.Ok(new StepDetails(definition.Id, definition.Key, definition.Name, definition.Kind, definition.Description, []));
    }

    /// <summary>
    /// Adds the next version as a draft with <paramref name="settings"/>, or a copy of the latest version's settings when
    /// null. A step has at most one draft at a time: a second is a conflict.
    /// </summary>
    public async Task<SaveResult<StepVersionDetails>> CreateVersionAsync(string key, StepVersionDraft? settings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var definition = await db.StepDefinitions.AsNoTracking().FirstOrDefaultAsync(d => d.Key == key, cancellationToken);
        if (definition is null) return SaveResult.NotFound<StepVersionDetails>($"There is no step '{key}'.");
        if (WhyNotAuthorable(definition.Kind) is { } refusal) return SaveResult.Invalid<StepVersionDetails>(refusal);
        var latest = await db.StepVersions.AsNoTracking().Where(v => v.StepDefinitionId == definition.Id)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        if (latest?.Status == VersionStatus.Draft)
        {
            return SaveResult.Conflict<StepVersionDetails>($"v{latest.Number} is already a draft: edit it, or publish it before starting another version.");
        }

        if (settings is null)
        {
            settings = latest is null ? new StepVersionDraft { ReviewSamplingRate = DefaultSamplingRate(definition.Kind) } : StepVersionDraft.From(latest);
            if (StepKindFields.Uses(definition.Kind, StepField.IrSchema))
            {
                settings.IrSchemaVersionId = await DefaultSchemaVersionAsync(db, definition.Id, settings.IrSchemaVersionId, cancellationToken) ?? settings.IrSchemaVersionId;
            }
        }
        var problems = await ProblemsAsync(db, definition.Kind, settings, publishing: false, cancellationToken);
        if (problems.Count > 0) return SaveResult.Invalid<StepVersionDetails>(problems);

        var version = new StepVersion
        {
            StepDefinitionId = definition.Id, Number = (latest?.Number ?? 0) + 1, Status = VersionStatus.Draft, CreatedAt = clock.GetUtcNow(),
        };
        settings.ApplyTo(version);
        if (latest is not null) CopyReviewSettings(latest, version);
        db.StepVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return SaveResult.Conflict<StepVersionDetails>($"Someone added v{version.Number} of '{key}' at the same moment; reload to see it.");
        }
        return SaveResult.Ok(Details(version));
    }

    /// <summary>The review sampling rate a first version starts with: the setting, read now, for kinds that are reviewed at all.</summary>
    private double DefaultSamplingRate(StepKind kind) =>
        reviewOptions is not null && StepKindFields.Uses(kind, StepField.ReviewSampling) ? reviewOptions.CurrentValue.DefaultSamplingRate : 0;

    /// <summary>
    /// The IR schema version a new step version pins when nobody chose one (ADR 0032): the active version of the schema
    /// the latest version pinned, or with none pinned, of the step's own schema. An archived schema is not followed:
    /// the pin is kept as it was. Null when there is nothing to suggest.
    /// </summary>
    private static async Task<Guid?> DefaultSchemaVersionAsync(AiFlowDbContext db, Guid stepDefinitionId, Guid? pinned, CancellationToken cancellationToken)
    {
        var schemas = pinned is { } id
            ? db.IrSchemaVersions.Where(v => v.Id == id).Select(v => v.IrSchema!)
            : db.IrSchemas.Where(s => s.StepDefinitionId == stepDefinitionId).OrderBy(s => s.Name);
        return await schemas.Where(s => s.ArchivedAt == null)
            .SelectMany(s => s.Versions.Where(v => v.IsActive).Select(v => (Guid?)v.Id)).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Saves a draft's settings if nobody saved it since <paramref name="expectedRowVersion"/>; a published version never changes.</summary>
    public async Task<SaveResult<StepVersionDetails>> SaveDraftAsync(string key, int number, uint expectedRowVersion, StepVersionDraft settings, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(settings);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (version, kind, refusal) = await FindDraftAsync(db, key, number, expectedRowVersion, cancellationToken);
        if (refusal is not null) return refusal;

        var problems = await ProblemsAsync(db, kind, settings, publishing: false, cancellationToken);
        if (problems.Count > 0) return SaveResult.Invalid<StepVersionDetails>(problems);
        settings.ApplyTo(version!);
        return await SaveAsync(db, version!, cancellationToken);
    }

    /// <summary>Publishes a draft after the publish checks; from then on it is immutable.</summary>
    public async Task<SaveResult<StepVersionDetails>> PublishAsync(string key, int number, uint? expectedRowVersion, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var (version, kind, refusal) = await FindDraftAsync(db, key, number, expectedRowVersion, cancellationToken);
        if (refusal is not null) return refusal;

        var problems = await ProblemsAsync(db, kind, StepVersionDraft.From(version!), publishing: true, cancellationToken);
        if (problems.Count > 0) return SaveResult.Invalid<StepVersionDetails>(problems);
        version!.Status = VersionStatus.Published;
        version.PublishedAt = clock.GetUtcNow();
        return await SaveAsync(db, version, cancellationToken);
    }

    /// <summary>The tracked draft <c>key vN</c>, or why it cannot be changed: missing, published, or saved since the caller read it.</summary>
    private static async Task<(StepVersion? Version, StepKind Kind, SaveResult<StepVersionDetails>? Refusal)> FindDraftAsync(
        AiFlowDbContext db, string key, int number, uint? expectedRowVersion, CancellationToken cancellationToken)
    {
        var found = await db.StepVersions.Include(v => v.StepDefinition)
            .FirstOrDefaultAsync(v => v.StepDefinition!.Key == key && v.Number == number, cancellationToken);
        if (found is null) return (null, default, SaveResult.NotFound<StepVersionDetails>($"Step '{key}' has no v{number}."));
        var kind = found.StepDefinition!.Kind;
        if (found.Status != VersionStatus.Draft)
        {
            return (null, kind, SaveResult.Conflict<StepVersionDetails>(
                $"{key} v{number} is {found.Status.ToString().ToLowerInvariant()} and can no longer change; create a new version to change its settings."));
        }
        if (expectedRowVersion is { } expected)
        {
            if (found.Version != expected) return (null, kind, await ConflictAsync(db, found, cancellationToken));
            db.Entry(found).Property(v => v.Version).OriginalValue = expected;
        }
        return (found, kind, null);
    }

    private async Task<SaveResult<StepVersionDetails>> SaveAsync(AiFlowDbContext db, StepVersion version, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var theirs = await fresh.StepVersions.AsNoTracking().FirstAsync(v => v.Id == version.Id, cancellationToken);
            return await ConflictAsync(fresh, theirs, cancellationToken);
        }
        return SaveResult.Ok(Details(version));
    }

    private static async Task<SaveResult<StepVersionDetails>> ConflictAsync(AiFlowDbContext db, StepVersion theirs, CancellationToken cancellationToken)
    {
        var author = await LastAuthor.FindAsync(db, nameof(StepVersion), theirs.Id, cancellationToken);
        var what = theirs.Status == VersionStatus.Draft ? "saved" : theirs.Status.ToString().ToLowerInvariant();
        return SaveResult.Conflict<StepVersionDetails>(
            $"v{theirs.Number} was {what} {LastAuthor.Describe(author)} after you opened it; nothing was saved and your edits are kept here. Reload to see theirs.");
    }

    /// <summary>The kind must be one this build runs; then the domain checks, plus: every pinned id must exist.</summary>
    private async Task<List<FieldProblem>> ProblemsAsync(AiFlowDbContext db, StepKind kind, StepVersionDraft settings, bool publishing, CancellationToken cancellationToken)
    {
        if (WhyNotAuthorable(kind) is { } refusal) return [new("", refusal)];
        var problems = (publishing ? StepVersionChecks.CheckFieldsForPublish(kind, settings) : StepVersionChecks.CheckFields(kind, settings)).ToList();
        if (settings.PromptTemplateVersionId is { } prompt && !await db.PromptTemplateVersions.AnyAsync(v => v.Id == prompt, cancellationToken))
        {
            problems.Add(new("/promptTemplateVersionId", "The chosen prompt template version does not exist."));
        }
        if (settings.ModelRouteId is { } route && !await db.ModelRoutes.AnyAsync(r => r.Id == route, cancellationToken))
        {
            problems.Add(new("/modelRouteId", "The chosen model route does not exist."));
        }
        if (settings.IrSchemaVersionId is { } schema && !await db.IrSchemaVersions.AnyAsync(s => s.Id == schema, cancellationToken))
        {
            problems.Add(new("/irSchemaVersionId", "The chosen IR schema version does not exist."));
        }
        if (settings.MetricProfileId is { } profile && !await db.MetricProfiles.AnyAsync(p => p.Id == profile, cancellationToken))
        {
            problems.Add(new("/metricProfileId", "The chosen metric profile does not exist."));
        }
        return problems;
    }

    // Review mechanics (labels, reviewers, lease) are edited under Review settings; a new version keeps them.
    private static void CopyReviewSettings(StepVersion from, StepVersion to)
    {
        to.LabelSet = [.. from.LabelSet];
        to.ReviewersNeeded = from.ReviewersNeeded;
        to.RatingScale = from.RatingScale;
        to.BlindReview = from.BlindReview;
        to.ReviewLeaseMinutes = from.ReviewLeaseMinutes;
    }

    private static StepVersionDetails Details(StepVersion v) =>
        new(v.Id, v.Number, v.Status, v.Version, StepVersionDraft.From(v), v.CreatedAt, v.PublishedAt);
}
