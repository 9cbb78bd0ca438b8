using AiFlow.Domain.Metrics.Functions;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Metrics;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// <c>GET/POST /api/metrics</c>, <c>GET/PUT /api/metrics/{key}</c>, <c>GET /api/metrics/{key}/versions</c>, <c>GET /api/metric-functions</c> (the library),
/// <c>GET/POST /api/metric-profiles</c>, <c>GET/PUT /api/metric-profiles/{key}</c>, <c>GET /api/metric-profiles/{key}/versions</c>. Reads for Admin and Ops, changes for
/// Admins. A PUT replaces the whole definition or profile and carries the numbered <c>version</c> it read (a save that changes
/// something makes the next number; a stale one is 409).
/// Every refusal is a problem document naming its field by JSON pointer. There is no DELETE: results and pinned step
/// versions refer to metrics and profiles.
/// </summary>
public static class MetricApiEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapMetricApi(this RouteGroupBuilder api)
    {
        var metrics = api.MapGroup("/metrics");
        MapReads(metrics, "metric", (catalog, ct) => catalog.ListDefinitionsAsync(ct), (catalog, key, ct) => catalog.GetDefinitionAsync(key, ct), MetricJson.Of);
        MapHistory(metrics, "metric", (catalog, key, ct) => catalog.DefinitionHistoryAsync(key, ct), MetricJson.Of);
        metrics.MapPost("/", async (HttpRequest request, MetricCatalogService catalog, CancellationToken ct) =>
        {
            var (body, error) = await ReadDefinitionAsync(request, ct);
            if (error is not null) return error;
            var result = await catalog.CreateDefinitionAsync(body!.ToInput(), request.HttpContext.User, ct);
            return ToHttp(result, "metric", d => Results.Created($"/api/metrics/{d.Key}", MetricJson.Of(d)));
        }).RequireAuthorization(Policies.AdminOnly);
        metrics.MapPut("/{key}", async (string key, HttpRequest request, MetricCatalogService catalog, CancellationToken ct) =>
        {
            var (body, error) = await ReadDefinitionAsync(request, ct);
            if (error is not null) return error;
            if (body!.Version is null) return VersionRequired();
            var result = await catalog.UpdateDefinitionAsync(key, body.Version.Value, body.ToInput(key), request.HttpContext.User, ct);
            return ToHttp(result, "metric", d => Results.Ok(MetricJson.Of(d)));
        }).RequireAuthorization(Policies.AdminOnly);

        api.MapGet("/metric-functions", () => Results.Ok(MetricFunctionCatalog.All.Select(MetricJson.Of)))
            .RequireAuthorization(Policies.AdminOps);

        var profiles = api.MapGroup("/metric-profiles");
        MapReads(profiles, "metric profile", (catalog, ct) => catalog.ListProfilesAsync(ct), (catalog, key, ct) => catalog.GetProfileAsync(key, ct), MetricJson.Of);
        MapHistory(profiles, "metric profile", (catalog, key, ct) => catalog.ProfileHistoryAsync(key, ct), MetricJson.Of);
        profiles.MapPost("/", async (HttpRequest request, MetricCatalogService catalog, CancellationToken ct) =>
        {
            var (body, error) = await ReadProfileAsync(request, ct);
            if (error is not null) return error;
            var result = await catalog.CreateProfileAsync(body!.ToInput(), request.HttpContext.User, ct);
            return ToHttp(result, "metric profile", p => Results.Created($"/api/metric-profiles/{p.Key}", MetricJson.Of(p)));
        }).RequireAuthorization(Policies.AdminOnly);
        profiles.MapPut("/{key}", async (string key, HttpRequest request, MetricCatalogService catalog, CancellationToken ct) =>
        {
            var (body, error) = await ReadProfileAsync(request, ct);
            if (error is not null) return error;
            if (body!.Version is null) return VersionRequired();
            var result = await catalog.UpdateProfileAsync(key, body.Version.Value, body.ToInput(key), request.HttpContext.User, ct);
            return ToHttp(result, "metric profile", p => Results.Ok(MetricJson.Of(p)));
        }).RequireAuthorization(Policies.AdminOnly);
    }

    /// <summary><c>GET /</c> (all, by key) and <c>GET /{key}</c> (one, or 404) for Admin and Ops.</summary>
    private static void MapReads<TView>(RouteGroupBuilder group, string noun, Func<MetricCatalogService, CancellationToken, Task<IReadOnlyList<TView>>> list,
        Func<MetricCatalogService, string, CancellationToken, Task<TView?>> get, Func<TView, object> json)
        where TView : class
    {
        group.MapGet("/", async (MetricCatalogService catalog, CancellationToken ct) => Results.Ok((await list(catalog, ct)).Select(json)))
            .RequireAuthorization(Policies.AdminOps);
        group.MapGet("/{key}", async (string key, MetricCatalogService catalog, CancellationToken ct) =>
            await get(catalog, key, ct) is { } found ? Results.Ok(json(found)) : NotFound($"There is no {noun} '{key}'."))
            .RequireAuthorization(Policies.AdminOps);
    }

    /// <summary><c>GET /{key}/versions</c>: every numbered version, newest first, with who saved it, when and what changed.</summary>
    private static void MapHistory<TView>(RouteGroupBuilder group, string noun,
        Func<MetricCatalogService, string, CancellationToken, Task<IReadOnlyList<CatalogVersionView<TView>>?>> history, Func<TView, object> json)
        where TView : class =>
        group.MapGet("/{key}/versions", async (string key, MetricCatalogService catalog, CancellationToken ct) =>
            await history(catalog, key, ct) is { } versions
                ? Results.Ok(versions.Select(v => new CatalogVersionView<object>(v.Version, v.SavedBy, v.SavedAt, v.Changes, json(v.Value))))
                : NotFound($"There is no {noun} '{key}'."))
            .RequireAuthorization(Policies.AdminOps);

    /// <summary>The body as a <see cref="MetricDefinitionBody"/>, and the direction must be there: neither way is a safe default.</summary>
    private static async Task<(MetricDefinitionBody? Body, IResult? Error)> ReadDefinitionAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, error) = await JsonBody.BindAsync<MetricDefinitionBody>(request, MaxBodyBytes, ct);
        if (error is not null) return (null, error);
        return body!.Direction is null
            ? (null, JsonBinding.Problem("/direction", "direction is required: \"HigherIsBetter\" or \"LowerIsBetter\"."))
            : (body, null);
    }

    /// <summary>The body as a <see cref="MetricProfileBody"/>, and the targets must be there and each an object.</summary>
    private static async Task<(MetricProfileBody? Body, IResult? Error)> ReadProfileAsync(HttpRequest request, CancellationToken ct)
    {
        var (body, error) = await JsonBody.BindAsync<MetricProfileBody>(request, MaxBodyBytes, ct);
        if (error is not null) return (null, error);
        if (body!.Targets is null) return (null, JsonBinding.Problem("/targets", "targets is required: an array of {\"metricKey\", \"target\", \"weight\"}, empty for none."));
        var missing = body.Targets.ToList().FindIndex(t => t is null);
        return missing < 0 ? (body, null) : (null, JsonBinding.Problem($"/targets/{missing}", "A target must be an object with metricKey, target and weight."));
    }

    internal static IResult VersionRequired() =>
        JsonBinding.Problem("/version", "version is required: the version you read, so that a save over someone else's change is refused.");

    internal static IResult NotFound(string message) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: message);

    internal static IResult ToHttp<T>(MetricCatalogResult<T> result, string what, Func<T, IResult> saved) => result.Outcome switch
    {
        SaveOutcome.Saved => saved(result.Value!),
        SaveOutcome.NotFound => NotFound(result.Message),
        SaveOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message),
        _ => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The {what} was refused; nothing was saved.", detail: result.Message,
            extensions: new Dictionary<string, object?>
            {
                ["pointer"] = result.Problems[0].Field,
                ["errors"] = result.Problems.Select(p => new { pointer = p.Field, message = p.Message }).ToList(),
            }),
    };
}
