using System.Security.Claims;
using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// Metric definitions and profiles, edited by Admins. Every save is checked first (each problem at its field) and an
/// update carries the version it read, so a stale one is a conflict; the auditing interceptor records before and after.
/// Nothing is deleted here: results and pinned step versions refer to both, and a metric that is no longer wanted is
/// simply left out of the profiles.
/// </summary>
public sealed class MetricCatalogService(IDbContextFactory<AiFlowDbContext> contexts)
{
    private const string What = "metrics";
    private const string Metric = "metric";
    private const string Profile = "metric profile";

    private readonly MetricCatalogWriter writer = new(contexts);

    public Task<IReadOnlyList<MetricDefinitionView>> ListDefinitionsAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.MetricDefinitions, null, MetricDefinitionView.Of, cancellationToken);

    public async Task<MetricDefinitionView?> GetDefinitionAsync(string key, CancellationToken cancellationToken) =>
        (await ReadAsync(db => db.MetricDefinitions, key, MetricDefinitionView.Of, cancellationToken)).SingleOrDefault();

    public Task<IReadOnlyList<MetricProfileView>> ListProfilesAsync(CancellationToken cancellationToken) =>
        ReadAsync(db => db.MetricProfiles, null, MetricProfileView.Of, cancellationToken);

    public async Task<MetricProfileView?> GetProfileAsync(string key, CancellationToken cancellationToken) =>
        (await ReadAsync(db => db.MetricProfiles, key, MetricProfileView.Of, cancellationToken)).SingleOrDefault();

    /// <summary>Every numbered version of the definition <paramref name="key"/>, newest first, each with what changed; null when there is none.</summary>
    public async Task<IReadOnlyList<CatalogVersionView<MetricDefinitionView>>?> DefinitionHistoryAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.MetricDefinitions.AsNoTracking().Where(d => d.Key == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var versions = await db.MetricDefinitionVersions.AsNoTracking().Where(v => v.MetricDefinitionId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var views = versions.Select(v => (Row: v, View: MetricDefinitionView.Of(new MetricDefinition
        {
            Id = v.MetricDefinitionId, Number = v.Number, Key = v.Key, Name = v.Name, Unit = v.Unit, Direction = v.Direction, Description = v.Description,
            Function = v.Function, ParametersJson = v.ParametersJson, Aggregation = v.Aggregation,
        }))).ToList();
        return [.. views.Select((v, i) => new CatalogVersionView<MetricDefinitionView>(v.Row.Number, v.Row.SavedBy, v.Row.SavedAt,
            CatalogChanges.Between(i == 0 ? null : views[i - 1].View, v.View), v.View)).Reverse()];
    }

    /// <summary>Every numbered version of the profile <paramref name="key"/>, newest first, each with what changed; null when there is none.</summary>
    public async Task<IReadOnlyList<CatalogVersionView<MetricProfileView>>?> ProfileHistoryAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.MetricProfiles.AsNoTracking().Where(p => p.Key == key).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null) return null;
        var versions = await db.MetricProfileVersions.AsNoTracking().Where(v => v.MetricProfileId == id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
        var views = versions.Select(v => (Row: v, View: MetricProfileView.Of(new MetricProfile
        {
            Id = v.MetricProfileId, Number = v.Number, Key = v.Key, Name = v.Name, Targets = v.Targets,
        }))).ToList();
        return [.. views.Select((v, i) => new CatalogVersionView<MetricProfileView>(v.Row.Number, v.Row.SavedBy, v.Row.SavedAt,
            CatalogChanges.Between(i == 0 ? null : views[i - 1].View, v.View), v.View)).Reverse()];
    }

    public Task<MetricCatalogResult<MetricDefinitionView>> CreateDefinitionAsync(MetricDefinitionInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        input = Normalised(input);
        return writer.CreateAsync(Metric, input.Key,
            async db => await KeyProblemsAsync(db.MetricDefinitions, Metric, input.Key, await DefinitionProblemsAsync(db, input, cancellationToken), cancellationToken),
            () => Applied(input, new MetricDefinition()), MetricDefinitionView.Of, cancellationToken);
    }

    /// <summary>Replaces the definition <paramref name="key"/> if nobody saved it since <paramref name="expectedVersion"/>; a key in use keeps its name.</summary>
    public Task<MetricCatalogResult<MetricDefinitionView>> UpdateDefinitionAsync(
        string key, uint expectedVersion, MetricDefinitionInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        input = Normalised(input);
        return writer.UpdateAsync(Metric, key, expectedVersion,
            db => db.MetricDefinitions.FirstOrDefaultAsync(d => d.Key == key, cancellationToken),
            async (db, definition) =>
            {
                var problems = await DefinitionProblemsAsync(db, input, cancellationToken);
                if (problems.Count > 0 || input.Key == key) return problems;
                if (await MetricKeyUses.DescribeAsync(db, definition, cancellationToken) is { } uses)
                {
                    return [new("/key", $"'{key}' is used by {uses}, so its key cannot change; create a new metric instead.")];
                }
                return await KeyProblemsAsync(db.MetricDefinitions, Metric, input.Key, [], cancellationToken);
            },
            definition => Applied(input, definition), MetricDefinitionView.Of, cancellationToken);
    }

    public Task<MetricCatalogResult<MetricProfileView>> CreateProfileAsync(MetricProfileInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        input = Normalised(input);
        return writer.CreateAsync(Profile, input.Key,
            async db => await KeyProblemsAsync(db.MetricProfiles, Profile, input.Key,
                MetricCatalogChecks.Profile(input, await MetricKeysAsync(db, cancellationToken)), cancellationToken),
            () => Applied(input, new MetricProfile()), MetricProfileView.Of, cancellationToken);
    }

    /// <summary>
    /// Replaces the profile <paramref name="key"/> if nobody saved it since <paramref name="expectedVersion"/>. Steps and
    /// nodes refer to a profile by id, so its key may change.
    /// </summary>
    public Task<MetricCatalogResult<MetricProfileView>> UpdateProfileAsync(
        string key, uint expectedVersion, MetricProfileInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        AdminOnly.Require(user, What);
        input = Normalised(input);
        return writer.UpdateAsync(Profile, key, expectedVersion,
            db => db.MetricProfiles.FirstOrDefaultAsync(p => p.Key == key, cancellationToken),
            async (db, _) => await KeyProblemsAsync(db.MetricProfiles, Profile, input.Key == key ? null : input.Key,
                MetricCatalogChecks.Profile(input, await MetricKeysAsync(db, cancellationToken)), cancellationToken),
            profile => Applied(input, profile), MetricProfileView.Of, cancellationToken);
    }

    /// <summary>Every row by key, or only the one with <paramref name="key"/>, untracked.</summary>
    private async Task<IReadOnlyList<TView>> ReadAsync<T, TView>(Func<AiFlowDbContext, IQueryable<T>> rows, string? key, Func<T, TView> view,
        CancellationToken cancellationToken)
        where T : class
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = rows(db).AsNoTracking();
        if (key is not null) query = query.Where(r => EF.Property<string>(r, "Key") == key);
        var found = await query.OrderBy(r => EF.Property<string>(r, "Key")).ToListAsync(cancellationToken);
        return found.Select(view).ToList();
    }

    /// <summary>
    /// <paramref name="problems"/>, or when there are none and <paramref name="newKey"/> is given, whether another row
    /// already has it: a clear message, not the database's unique-index error.
    /// </summary>
    private static async Task<IReadOnlyList<MetricFieldProblem>> KeyProblemsAsync<T>(IQueryable<T> rows, string noun, string? newKey,
        IReadOnlyList<MetricFieldProblem> problems, CancellationToken cancellationToken)
        where T : class
    {
        if (problems.Count > 0 || newKey is null) return problems;
        var taken = await rows.AnyAsync(r => EF.Property<string>(r, "Key") == newKey, cancellationToken);
        return taken ? [MetricCatalogWriter.Taken(noun, newKey)] : [];
    }

    /// <summary>The definition's own problems, then whether the judge it names (if any) exists.</summary>
    private static async Task<IReadOnlyList<MetricFieldProblem>> DefinitionProblemsAsync(AiFlowDbContext db, MetricDefinitionInput input, CancellationToken cancellationToken)
    {
        var problems = MetricCatalogChecks.Definition(input);
        return problems.Count > 0 ? problems : await Judges.JudgeService.MetricProblemsAsync(db, input.Function, input.ParametersJson, cancellationToken);
    }

    private static async Task<IReadOnlySet<string>> MetricKeysAsync(AiFlowDbContext db, CancellationToken cancellationToken) =>
        (await db.MetricDefinitions.AsNoTracking().Select(d => d.Key).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    private static MetricDefinition Applied(MetricDefinitionInput input, MetricDefinition definition)
    {
        MetricCatalogChecks.Parameters(input.Function, input.ParametersJson, out var parameters);
        definition.Key = input.Key;
        definition.Name = input.Name;
        definition.Unit = input.Unit;
        definition.Direction = input.Direction;
        definition.Description = input.Description;
        definition.Function = input.Function;
        definition.ParametersJson = parameters!.ToJsonString();
        definition.Aggregation = input.Aggregation;
        return definition;
    }

    private static MetricProfile Applied(MetricProfileInput input, MetricProfile profile)
    {
        profile.Key = input.Key;
        profile.Name = input.Name;
        profile.Targets = [.. input.Targets];
        return profile;
    }

    private static MetricDefinitionInput Normalised(MetricDefinitionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input with
        {
            Key = (input.Key ?? "").Trim(), Name = (input.Name ?? "").Trim(), Unit = Blank(input.Unit), Description = Blank(input.Description),
            Function = (input.Function ?? "").Trim(),
        };
    }

    private static MetricProfileInput Normalised(MetricProfileInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input with
        {
            Key = (input.Key ?? "").Trim(), Name = (input.Name ?? "").Trim(),
            Targets = [.. (input.Targets ?? []).Select(t => t with { MetricKey = (t.MetricKey ?? "").Trim() })],
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
