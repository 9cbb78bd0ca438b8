using AiFlow.Web.Api;
using AiFlow.Web.Features.Dashboards.Data;
using AiFlow.Web.Features.Runs;
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Monitoring;

/// <summary>Seed 001's monitoring API: runs (same filters as the console's list, paged), one run, and metrics over a range.</summary>
public static class MonitoringApiEndpoints
{
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    public static void MapMonitoringApi(this RouteGroupBuilder api)
    {
        var monitoring = api.MapGroup("/monitoring").RequireAuthorization(Policies.AdminOps);

        monitoring.MapGet("/runs", async (HttpRequest request, RunListQueries queries, CancellationToken ct) =>
        {
            var (query, invalid) = MonitoringRunQuery.Read(request);
            if (invalid is not null) return invalid;
            if (await ResolvePipelineAsync(request, query!.Filter, queries, ct) is { } problem) return problem;
            var result = await queries.PageAsync(query.Filter, query.Sort, query.Descending, query.Page, query.PageSize, ct);
            return Results.Ok(new MonitoringRunPage(query.Page, query.PageSize, result.Totals.Runs, result.Totals, result.Items));
        });

        monitoring.MapGet("/runs/{id:guid}", async (Guid id, RunQueries queries, CancellationToken ct) =>
            await queries.RunAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound());

        monitoring.MapGet("/metrics", async (HttpRequest request, DashboardQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var (givenFrom, fromProblem) = ApiQuery.Date(request, "from");
            if (fromProblem is not null) return fromProblem;
            var (givenTo, toProblem) = ApiQuery.Date(request, "to");
            if (toProblem is not null) return toProblem;
            var from = givenFrom ?? now.AddHours(-24);
            var to = givenTo ?? now;
            if (to <= from) return ApiProblems.Parameter("to", "'to' must be after 'from' (ISO 8601, UTC).");
            if (to - from > MaxRange) return ApiProblems.Parameter("from", $"A range may span at most {MaxRange.TotalDays} days.");
            var d = await queries.LoadAsync(from, to, ct);
            return Results.Ok(MonitoringMetrics.Of(d));
        });
    }

    /// <summary>API callers may name a pipeline by key (and a version by number) instead of by id.</summary>
    private static async Task<IResult?> ResolvePipelineAsync(HttpRequest request, RunFilter filter, RunListQueries queries, CancellationToken ct)
    {
        var key = request.Query["pipeline"].ToString();
        if (key.Length == 0) return null;
        var pipeline = (await queries.PipelinesAsync(ct)).FirstOrDefault(p => p.Key == key);
        if (pipeline is null) return ApiProblems.Status(StatusCodes.Status404NotFound, $"There is no pipeline '{key}'.");
        filter.PipelineId = pipeline.Id;
        var (number, invalid) = ApiQuery.Int(request, "version", 0, 1, int.MaxValue);
        if (invalid is not null) return invalid;
        if (number > 0)
        {
            var version = pipeline.Versions.FirstOrDefault(v => v.Number == number);
            if (version is null) return ApiProblems.Status(StatusCodes.Status404NotFound, $"Pipeline '{key}' has no version {number}.");
            filter.PipelineVersionId = version.Id;
        }
        return null;
    }
}
