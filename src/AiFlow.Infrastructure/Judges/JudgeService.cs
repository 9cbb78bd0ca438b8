using System.Security.Claims;
using System.Text.Json.Nodes;
using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Judges;

/// <summary>
/// LLM judges, made and versioned by Admins, read by Admins and Ops. A judge's versions are immutable: a change is a new
/// version, which then scores (earlier results keep naming the version that made them). Every save is checked first,
/// each problem at its field, and refused whole; the auditing interceptor records what was saved.
/// </summary>
public sealed class JudgeService(IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    private const string What = "judges";

    public async Task<IReadOnlyList<JudgeView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ViewsAsync(db, null, cancellationToken);
    }

    public async Task<JudgeView?> GetAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await ViewsAsync(db, key, cancellationToken)).SingleOrDefault();
    }

    public async Task<MetricCatalogResult<JudgeView>> CreateAsync(JudgeInput input, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(input);
        input = input with { Key = input.Key?.Trim(), Name = input.Name?.Trim(), Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim() };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var problems = JudgeChecks.Judge(input).Concat(await RouteProblemsAsync(db, input.Version.ModelRouteId, cancellationToken)).ToList();
        if (problems.Count == 0 && await db.JudgeDefinitions.AnyAsync(j => j.Key == input.Key, cancellationToken)) problems.Add(MetricCatalogWriter.Taken("judge", input.Key!));
        if (problems.Count > 0) return MetricCatalogResult.Invalid<JudgeView>(problems);
        var now = clock.GetUtcNow();
        var judge = new JudgeDefinition { Key = input.Key!, Name = input.Name!, Description = input.Description, CurrentVersion = 1, CreatedAt = now };
        db.JudgeDefinitions.Add(judge);
        db.JudgeVersions.Add(Made(input.Version, judge.Id, 1, name, now));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return MetricCatalogResult.Invalid<JudgeView>([MetricCatalogWriter.Taken("judge", input.Key!)]);
        }
        return MetricCatalogResult.Ok((await GetAsync(judge.Key, cancellationToken))!);
    }

    /// <summary>
    /// Adds the next version of judge <paramref name="key"/>, which scores from now on, if nobody changed the judge since
    /// <paramref name="expectedVersion"/> (the row version read).
    /// </summary>
    public async Task<MetricCatalogResult<JudgeView>> AddVersionAsync(string key, uint expectedVersion, JudgeVersionInput input, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var name = AdminOnly.Require(user, What);
        ArgumentNullException.ThrowIfNull(input);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var judge = await db.JudgeDefinitions.FirstOrDefaultAsync(j => j.Key == key, cancellationToken);
        if (judge is null) return MetricCatalogResult.NotFound<JudgeView>($"There is no judge '{key}'.");
        if (judge.Version != expectedVersion) return Stale(key);
        var problems = JudgeChecks.Version(input).Concat(await RouteProblemsAsync(db, input.ModelRouteId, cancellationToken)).ToList();
        if (problems.Count > 0) return MetricCatalogResult.Invalid<JudgeView>(problems);
        judge.CurrentVersion++;
        db.JudgeVersions.Add(Made(input, judge.Id, judge.CurrentVersion, name, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is DbUpdateConcurrencyException || ex is DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } })
        {
            return Stale(key);
        }
        return MetricCatalogResult.Ok((await GetAsync(key, cancellationToken))!);
    }

    /// <summary>Why the metric's judge cannot score, at <c>/parameters/judge</c>; empty when the metric names no judge or an existing one.</summary>
    public static async Task<IReadOnlyList<MetricFieldProblem>> MetricProblemsAsync(AiFlowDbContext db, string? function, string? parametersJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (function?.Trim() != Domain.Metrics.Functions.MetricFunctionCatalog.Judge.Key) return [];
        var parameters = string.IsNullOrWhiteSpace(parametersJson) ? null : JsonNode.Parse(parametersJson) as JsonObject;
        if (Domain.Metrics.Functions.MetricFunctionCatalog.JudgeKeyOf(Domain.Metrics.Functions.MetricFunctionCatalog.Judge, parameters ?? []) is not { } key) return [];
        return await db.JudgeDefinitions.AnyAsync(j => j.Key == key, cancellationToken)
            ? []
            : [new MetricFieldProblem("/parameters/judge", $"There is no judge '{key}'; create it on the Judges page or with POST /api/judges first.")];
    }

    private static async Task<IEnumerable<MetricFieldProblem>> RouteProblemsAsync(AiFlowDbContext db, Guid? routeId, CancellationToken cancellationToken) =>
        routeId is { } id && !await db.ModelRoutes.AnyAsync(r => r.Id == id, cancellationToken)
            ? [new MetricFieldProblem("/modelRouteId", $"There is no model route {id}.")]
            : [];

    private static MetricCatalogResult<JudgeView> Stale(string key) =>
        MetricCatalogResult.Conflict<JudgeView>($"Judge '{key}' was changed by someone else since you read it; reload it and try again.");

    private static JudgeVersion Made(JudgeVersionInput input, Guid judgeId, int number, string user, DateTimeOffset now) => new()
    {
        JudgeDefinitionId = judgeId, Number = number, Kind = input.Kind, PromptTemplate = input.PromptTemplate!, Rubric = input.Rubric?.Trim() ?? "",
        OutputSchemaJson = JsonNode.Parse(input.OutputSchemaJson!)!.ToJsonString(), ModelRouteId = input.ModelRouteId, ScoreMin = input.ScoreMin,
        ScoreMax = input.ScoreMax, Categories = input.Kind == JudgeKind.Category ? [.. input.Categories!] : [], CreatedBy = user, CreatedAt = now,
    };

    private static async Task<IReadOnlyList<JudgeView>> ViewsAsync(AiFlowDbContext db, string? key, CancellationToken cancellationToken)
    {
        var judges = await db.JudgeDefinitions.AsNoTracking().Where(j => key == null || j.Key == key).OrderBy(j => j.Key).ToListAsync(cancellationToken);
        var ids = judges.Select(j => j.Id).ToList();
        var versions = await (from v in db.JudgeVersions.AsNoTracking()
                              where ids.Contains(v.JudgeDefinitionId)
                              join r in db.ModelRoutes on v.ModelRouteId equals r.Id into routes
                              from r in routes.DefaultIfEmpty()
                              orderby v.Number descending
                              select new { v, Route = r == null ? null : r.Name }).ToListAsync(cancellationToken);
        return [.. judges.Select(j => new JudgeView(j.Key, j.Name, j.Description, j.CurrentVersion, j.Version, j.CreatedAt,
            [.. versions.Where(x => x.v.JudgeDefinitionId == j.Id).Select(x => new JudgeVersionView(x.v.Id, x.v.Number, x.v.Kind, x.v.PromptTemplate, x.v.Rubric,
                x.v.OutputSchemaJson, x.v.ModelRouteId, x.Route, x.v.ScoreMin, x.v.ScoreMax, x.v.Categories, x.v.CreatedBy, x.v.CreatedAt))]))];
    }
}
