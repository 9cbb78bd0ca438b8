using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Inference;
using AiFlow.Domain.Metrics;
using AiFlow.Domain.Pipelines;
using AiFlow.Domain.Prompts;
using AiFlow.Domain.Schemas;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Web.Features.Pipelines.Bundles;

/// <summary>
/// Exports a published pipeline version with every step version, prompt version, IR schema version and metric profile
/// it pins, and imports such a bundle on another console in one transaction (ADR 0030). The imported version lands
/// published and inactive: activating it is a separate, gated step on the importing console.
/// </summary>
public sealed class PipelineBundleService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock, StepKindRegistry kinds)
{
    public async Task<BundleExportResult> ExportAsync(string key, int number, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var version = await db.PipelineVersions.AsNoTracking().Include(v => v.PipelineDefinition)
            .FirstOrDefaultAsync(v => v.PipelineDefinition!.Key == key && v.Number == number, cancellationToken);
        if (version is null) return new(null, null, $"Pipeline '{key}' has no v{number}.", NotFound: true);
        // A draft still changes; a bundle names content that never does, so "v3" means the same on both consoles.
        if (version.Status != VersionStatus.Published)
        {
            return new(null, null, $"v{number} is a {version.Status.ToString().ToLowerInvariant()}; publish it first: only a published version has fixed content to move.");
        }

        var stepIds = version.Dag.Nodes.Select(n => n.StepVersionId).Distinct().ToList();
        var steps = await db.StepVersions.AsNoTracking().Include(v => v.StepDefinition).Where(v => stepIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var missing = stepIds.Except(steps.Select(s => s.Id)).ToList();
        if (missing.Count > 0) return new(null, null, $"v{number} pins step versions this console no longer has ({string.Join(", ", missing)}).");
        var drafts = steps.Where(s => s.Status != VersionStatus.Published).Select(s => $"{s.StepDefinition!.Key} v{s.Number}").ToList();
        if (drafts.Count > 0) return new(null, null, $"v{number} pins unpublished step versions: {string.Join(", ", drafts)}.");

        var refs = await ReferencesAsync(db, steps, version.Dag.Nodes.Select(n => n.MetricProfileId), cancellationToken);
        var bundle = new PipelineBundle(PipelineBundle.CurrentFormat,
            BundleProjection.Pipeline(version.PipelineDefinition!),
            BundleProjection.Version(version, id => refs.StepRef(steps.First(s => s.Id == id)), refs.ProfileKey),
            [.. steps.OrderBy(s => s.StepDefinition!.Key).ThenBy(s => s.Number).Select(refs.Step)],
            [.. refs.Prompts.Values.OrderBy(p => p.Key).ThenBy(p => p.Number)],
            [.. refs.Schemas.Values.OrderBy(s => s.Key).ThenBy(s => s.Number)],
            [.. refs.Profiles.Values.OrderBy(p => p.Key)]);
        return new(BundleFile.Write(bundle), $"{key}-v{number}.bundle.json", null);
    }

    /// <summary>
    /// Imports a bundle: creates what this console lacks, reuses what it has with the same hash, and refuses the whole
    /// bundle, saving nothing, when an item conflicts or a reference is missing. <paramref name="expectedKey"/> is the
    /// pipeline the caller addressed (the API's URL), which the bundle must be for.
    /// </summary>
    public async Task<BundleImportResult> ImportAsync(PipelineBundle bundle, string? expectedKey, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = RequireAdmin(user);
        ArgumentNullException.ThrowIfNull(bundle);
        var issues = BundleChecks.Find(bundle);
        // A graph whose only fault is its hash is still checked, so an edited file hears what else is wrong with it.
        if (issues.All(i => i.Pointer.EndsWith("/hash", StringComparison.Ordinal))) issues = [.. issues, .. CheckDag(bundle)];
        if (issues.Count > 0) return new(BundleImportOutcome.Invalid, issues);
        var pipeline = bundle.Pipeline!;
        var version = bundle.Version!;
        if (expectedKey is not null && !string.Equals(expectedKey, pipeline.Key, StringComparison.Ordinal))
        {
            return BundleImportResult.Invalid(new BundleIssue("/pipeline/key", $"The bundle is for pipeline '{pipeline.Key}', not '{expectedKey}'."));
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var target = await LoadTargetAsync(db, bundle, cancellationToken);
        var plan = BundleImportPlan.Decide(bundle, target.State);
        if (plan.Conflicts.Count > 0) return new(BundleImportOutcome.Conflict, [.. plan.Conflicts, .. plan.Missing]);
        if (plan.Missing.Count > 0) return new(BundleImportOutcome.Invalid, plan.Missing);
        if (plan.Created.Count == 0) return new(BundleImportOutcome.Unchanged, [], pipeline.Key, version.Number, [], plan.Reused);

        Create(db, bundle, plan, target, author);
        try
        {
            // One SaveChanges is one transaction: every row of the bundle is written, or none.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new(BundleImportOutcome.Conflict, [new BundleIssue("", "Another import or edit created some of these items at the same moment; nothing was saved. Import again.")]);
        }
        return new(BundleImportOutcome.Imported, [], pipeline.Key, version.Number, plan.Created, plan.Reused);
    }

    /// <summary>The publish checks (<see cref="PipelineChecks"/>) on the bundle's own steps and profiles, before the database is asked anything.</summary>
    private List<BundleIssue> CheckDag(PipelineBundle bundle)
    {
        var stepIds = (bundle.Steps ?? []).ToDictionary(s => (s.Key!, s.Number), _ => Guid.NewGuid());
        var profileIds = (bundle.MetricProfiles ?? []).ToDictionary(p => p.Key!, _ => Guid.NewGuid());
        var nodes = bundle.Version!.Nodes!;
        var dag = BundleProjection.Dag(nodes, r => stepIds[(r.Key!, r.Number)], k => profileIds[k]);
        var options = (bundle.Steps ?? []).Select(s => new StepOption(stepIds[(s.Key!, s.Number)], s.Key!, s.Name ?? s.Key!, s.Number, s.Kind!.Value.ToString(),
            s.MetricProfile is null ? null : profileIds[s.MetricProfile])).ToList();
        var notRunnable = (bundle.Steps ?? []).Where(s => !kinds.IsRunnable(s.Kind!.Value))
            .ToDictionary(s => stepIds[(s.Key!, s.Number)], s => $"{s.Key} v{s.Number} is a {s.Kind} step, which cannot run in this build.");
        var catalog = new AuthoringCatalog([.. options.Where(o => !notRunnable.ContainsKey(o.StepVersionId))],
            [.. (bundle.MetricProfiles ?? []).Select(p => new ProfileOption(profileIds[p.Key!], p.Key!, p.Name ?? p.Key!, [.. (p.Targets ?? []).Select(t => t.MetricKey)]))],
            notRunnable);
        return [.. PipelineChecks.Validate(dag, catalog).Select(i =>
        {
            var index = i.Nodes.Count == 0 ? -1 : nodes.FindIndex(n => n.Key == i.Nodes[0]);
            return new BundleIssue(index < 0 ? "/version/nodes" : $"/version/nodes/{index}", i.Message);
        })];
    }

    private static async Task<TargetRows> LoadTargetAsync(AiFlowDbContext db, PipelineBundle bundle, CancellationToken cancellationToken)
    {
        var rows = new TargetRows();
        var items = new Dictionary<BundleItemKey, TargetItem>();
        var key = bundle.Pipeline!.Key!;
        rows.Pipeline = await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
        var stepKeys = (bundle.Steps ?? []).Select(s => s.Key!).Distinct().ToList();
        rows.Steps = await db.StepDefinitions.Include(s => s.Versions).Where(s => stepKeys.Contains(s.Key)).ToListAsync(cancellationToken);
        var promptKeys = (bundle.Prompts ?? []).Select(p => p.Key!).Distinct().ToList();
        rows.Prompts = await db.PromptTemplates.Include(p => p.Versions).Where(p => promptKeys.Contains(p.Key)).ToListAsync(cancellationToken);
        var schemaNames = (bundle.IrSchemas ?? []).Select(s => s.Key!).Distinct().ToList();
        rows.Schemas = await db.IrSchemas.Include(s => s.Versions).Where(s => schemaNames.Contains(s.Name)).ToListAsync(cancellationToken);
        var profileKeys = (bundle.MetricProfiles ?? []).Select(p => p.Key!).ToList();
        rows.Profiles = await db.MetricProfiles.Where(p => profileKeys.Contains(p.Key)).ToListAsync(cancellationToken);
        var routeNames = (bundle.Steps ?? []).Where(s => s.ModelRoute is not null).Select(s => s.ModelRoute!).Distinct().ToList();
        rows.Routes = await db.ModelRoutes.Where(r => routeNames.Contains(r.Name)).ToDictionaryAsync(r => r.Name, r => r.Id, cancellationToken);

        // The rows that share a key with the bundle's items, projected as their own console would export them.
        var existingVersion = rows.Pipeline is null ? null
            : await db.PipelineVersions.AsNoTracking().FirstOrDefaultAsync(v => v.PipelineDefinitionId == rows.Pipeline.Id && v.Number == bundle.Version!.Number, cancellationToken);
        var shared = rows.Steps.SelectMany(s => s.Versions.Where(v => bundle.Steps!.Any(b => b.Key == s.Key && b.Number == v.Number))).ToList();
        var pinnedIds = existingVersion?.Dag.Nodes.Select(n => n.StepVersionId).ToList() ?? [];
        var pinned = await db.StepVersions.AsNoTracking().Include(v => v.StepDefinition).Where(v => pinnedIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var refs = await ReferencesAsync(db, [.. shared, .. pinned], existingVersion?.Dag.Nodes.Select(n => n.MetricProfileId) ?? [], cancellationToken);

        if (rows.Pipeline is not null) items[new(BundleSection.Pipeline, key, 0)] = new(BundleProjection.Pipeline(rows.Pipeline).Hash!);
        if (existingVersion is not null)
        {
            var projected = BundleProjection.Version(existingVersion, id => pinned.FirstOrDefault(s => s.Id == id) is { } s ? refs.StepRef(s) : new BundleRef(id.ToString(), 0), refs.ProfileKey);
            items[new(BundleSection.Version, key, existingVersion.Number)] = new(projected.Hash!,
                existingVersion.Status == VersionStatus.Published ? null : $"is a {existingVersion.Status.ToString().ToLowerInvariant()}, which may still change");
        }
        foreach (var v in shared)
        {
            var definition = rows.Steps.First(s => s.Id == v.StepDefinitionId);
            v.StepDefinition = definition;
            items[new(BundleSection.Step, definition.Key, v.Number)] = new(refs.Step(v).Hash!,
                v.Status == VersionStatus.Published ? null : "is a draft, which may still change");
        }
        foreach (var t in rows.Prompts)
        {
            foreach (var v in t.Versions) items[new(BundleSection.Prompt, t.Key, v.Number)] = new(BundleProjection.Prompt(t, v).Hash!);
        }
        foreach (var s in rows.Schemas)
        {
            foreach (var v in s.Versions) items[new(BundleSection.IrSchema, s.Name, v.Number)] = new(BundleProjection.IrSchema(s, v).Hash!);
        }
        foreach (var p in rows.Profiles) items[new(BundleSection.MetricProfile, p.Key, 0)] = new(BundleProjection.Profile(p).Hash!);

        rows.State = new BundleTarget(items, rows.Steps.ToDictionary(s => s.Key, s => s.Kind), rows.Routes.Keys.ToHashSet());
        return rows;
    }

    private void Create(AiFlowDbContext db, PipelineBundle bundle, BundleImportPlan plan, TargetRows rows, string author)
    {
        var now = clock.GetUtcNow();
        var profileIds = new Dictionary<string, Guid>();
        foreach (var p in bundle.MetricProfiles ?? [])
        {
            var profile = rows.Profiles.FirstOrDefault(x => x.Key == p.Key);
            if (profile is null)
            {
                profile = new MetricProfile { Key = p.Key!, Name = p.Name ?? p.Key!, Targets = [.. p.Targets ?? []] };
                db.MetricProfiles.Add(profile);
            }
            profileIds[p.Key!] = profile.Id;
        }
        var promptIds = new Dictionary<(string, int), Guid>();
        foreach (var p in bundle.Prompts ?? [])
        {
            var template = rows.Prompts.FirstOrDefault(x => x.Key == p.Key);
            if (template is null)
            {
                template = new PromptTemplate { Key = p.Key!, Name = p.Name ?? p.Key! };
                rows.Prompts.Add(template);
                db.PromptTemplates.Add(template);
            }
            var version = template.Versions.FirstOrDefault(v => v.Number == p.Number);
            if (version is null && plan.Creates(BundleSection.Prompt, p.Key!, p.Number))
            {
                version = new PromptTemplateVersion
                {
                    PromptTemplateId = template.Id, Number = p.Number, SystemPrompt = p.SystemPrompt ?? "", Template = p.Template ?? "",
                    Variables = [.. p.Variables ?? []], Variants = [.. p.Variants ?? []], CreatedAt = now,
                };
                template.Versions.Add(version);
            }
            promptIds[(p.Key!, p.Number)] = version!.Id;
        }
        var schemaIds = new Dictionary<(string, int), Guid>();
        foreach (var s in bundle.IrSchemas ?? [])
        {
            var schema = rows.Schemas.FirstOrDefault(x => x.Name == s.Key);
            if (schema is null)
            {
                schema = new IrSchema { Name = s.Key! };
                rows.Schemas.Add(schema);
                db.IrSchemas.Add(schema);
            }
            var version = schema.Versions.FirstOrDefault(v => v.Number == s.Number);
            if (version is null && plan.Creates(BundleSection.IrSchema, s.Key!, s.Number))
            {
                // Never activated here: which version is active is this console's choice.
                version = new IrSchemaVersion
                {
                    IrSchemaId = schema.Id, Number = s.Number, SchemaJson = s.Schema?.ToJsonString() ?? "{}", AssertFormats = s.AssertFormats,
                    CreatedAt = now, CreatedBy = author,
                };
                schema.Versions.Add(version);
            }
            schemaIds[(s.Key!, s.Number)] = version!.Id;
        }
        var stepIds = new Dictionary<(string, int), Guid>();
        foreach (var s in bundle.Steps ?? [])
        {
            var definition = rows.Steps.FirstOrDefault(x => x.Key == s.Key);
            if (definition is null)
            {
                definition = new StepDefinition { Key = s.Key!, Name = s.Name ?? s.Key!, Kind = s.Kind!.Value };
                rows.Steps.Add(definition);
                db.StepDefinitions.Add(definition);
            }
            var version = definition.Versions.FirstOrDefault(v => v.Number == s.Number);
            if (version is null && plan.Creates(BundleSection.Step, s.Key!, s.Number))
            {
                version = new StepVersion
                {
                    StepDefinitionId = definition.Id, Number = s.Number, Status = VersionStatus.Published, PublishedAt = now, CreatedAt = now,
                    PromptTemplateVersionId = s.Prompt is null ? null : promptIds[(s.Prompt.Key!, s.Prompt.Number)],
                    IrSchemaVersionId = s.IrSchema is null ? null : schemaIds[(s.IrSchema.Key!, s.IrSchema.Number)],
                    MetricProfileId = s.MetricProfile is null ? null : profileIds[s.MetricProfile],
                    ModelRouteId = s.ModelRoute is null ? null : rows.Routes[s.ModelRoute],
                    ValidationMode = s.ValidationMode, ParamsJson = (s.Params ?? []).ToJsonString(), ReviewSamplingRate = s.ReviewSamplingRate,
                    Guidelines = s.Guidelines, LabelSet = [.. s.LabelSet ?? []], ReviewersNeeded = s.ReviewersNeeded, RatingScale = s.RatingScale,
                    BlindReview = s.BlindReview, ReviewLeaseMinutes = s.ReviewLeaseMinutes,
                    Importance = s.Importance ?? CallImportance.Normal, CostSensitive = s.CostSensitive ?? false,
                };
                definition.Versions.Add(version);
            }
            stepIds[(s.Key!, s.Number)] = version!.Id;
        }

        var pipeline = rows.Pipeline;
        if (pipeline is null)
        {
            var p = bundle.Pipeline!;
            pipeline = new PipelineDefinition { Key = p.Key!, Name = p.Name!, Description = p.Description, InputSchemaJson = p.InputSchema?.ToJsonString() };
            db.PipelineDefinitions.Add(pipeline);
        }
        var b = bundle.Version!;
        if (plan.Creates(BundleSection.Version, pipeline.Key, b.Number))
        {
            db.PipelineVersions.Add(new PipelineVersion
            {
                PipelineDefinitionId = pipeline.Id, Number = b.Number, Status = VersionStatus.Published, IsActive = false,
                Dag = BundleProjection.Dag(b.Nodes!, r => stepIds[(r.Key!, r.Number)], k => profileIds[k]), Layout = b.Layout ?? new(),
                Notes = string.IsNullOrWhiteSpace(b.Notes) ? "Imported from a bundle" : $"Imported from a bundle: {b.Notes}",
                CreatedAt = now, CreatedBy = author, UpdatedAt = now, UpdatedBy = author, PublishedAt = now,
            });
        }
    }

    /// <summary>Names for the ids a set of step versions (and nodes) point at, and the bundle items behind them.</summary>
    private static async Task<References> ReferencesAsync(AiFlowDbContext db, IReadOnlyCollection<StepVersion> steps, IEnumerable<Guid?> nodeProfiles, CancellationToken cancellationToken)
    {
        var promptIds = steps.Where(s => s.PromptTemplateVersionId is not null).Select(s => s.PromptTemplateVersionId!.Value).Distinct().ToList();
        var schemaIds = steps.Where(s => s.IrSchemaVersionId is not null).Select(s => s.IrSchemaVersionId!.Value).Distinct().ToList();
        var profileIds = steps.Select(s => s.MetricProfileId).Concat(nodeProfiles).Where(id => id is not null).Select(id => id!.Value).Distinct().ToList();
        var routeIds = steps.Where(s => s.ModelRouteId is not null).Select(s => s.ModelRouteId!.Value).Distinct().ToList();

        var promptVersions = await db.PromptTemplateVersions.AsNoTracking().Where(v => promptIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var templateIds = promptVersions.Select(v => v.PromptTemplateId).Distinct().ToList();
        var templates = await db.PromptTemplates.AsNoTracking().Where(t => templateIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        var schemaVersions = await db.IrSchemaVersions.AsNoTracking().Include(v => v.IrSchema).Where(v => schemaIds.Contains(v.Id)).ToListAsync(cancellationToken);
        var profiles = await db.MetricProfiles.AsNoTracking().Where(p => profileIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var routes = await db.ModelRoutes.AsNoTracking().Where(r => routeIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        return new References(
            promptVersions.ToDictionary(v => v.Id, v => BundleProjection.Prompt(templates[v.PromptTemplateId], v)),
            schemaVersions.ToDictionary(v => v.Id, v => BundleProjection.IrSchema(v.IrSchema!, v)),
            profiles.ToDictionary(p => p.Id, BundleProjection.Profile),
            routes);
    }

    private sealed record References(Dictionary<Guid, BundlePrompt> Prompts, Dictionary<Guid, BundleIrSchema> Schemas,
        Dictionary<Guid, BundleMetricProfile> Profiles, Dictionary<Guid, string> Routes)
    {
        public BundleRef StepRef(StepVersion v) => new(v.StepDefinition!.Key, v.Number);

        public string? ProfileKey(Guid? id) => id is { } x && Profiles.TryGetValue(x, out var p) ? p.Key : null;

        public BundleStep Step(StepVersion v) => BundleProjection.Step(v.StepDefinition!, v,
            v.PromptTemplateVersionId is { } p && Prompts.TryGetValue(p, out var prompt) ? new BundleRef(prompt.Key, prompt.Number) : null,
            v.IrSchemaVersionId is { } s && Schemas.TryGetValue(s, out var schema) ? new BundleRef(schema.Key, schema.Number) : null,
            ProfileKey(v.MetricProfileId),
            v.ModelRouteId is { } r && Routes.TryGetValue(r, out var route) ? route : null);
    }

    /// <summary>The importing console's tracked rows under the bundle's keys, and what the plan is decided on.</summary>
    private sealed class TargetRows
    {
        public PipelineDefinition? Pipeline { get; set; }
        public List<StepDefinition> Steps { get; set; } = [];
        public List<PromptTemplate> Prompts { get; set; } = [];
        public List<IrSchema> Schemas { get; set; } = [];
        public List<MetricProfile> Profiles { get; set; } = [];
        public Dictionary<string, Guid> Routes { get; set; } = [];
        public BundleTarget State { get; set; } = null!;
    }

    private static string RequireAdmin(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException("Only an Admin may import pipelines.");
        }
        return user.Identity.Name ?? "unknown";
    }
}
