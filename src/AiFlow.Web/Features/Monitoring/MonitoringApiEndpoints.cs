using System.Globalization;
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
            var filter = RunFilter.FromQuery(k => request.Query[k]);
            if (await ResolvePipelineAsync(request, filter, queries, ct) is { } problem) return problem;
            var page = int.TryParse(request.Query["page"], CultureInfo.InvariantCulture, out var p) ? Math.Max(0, p) : 0;
            var size = int.TryParse(request.Query["pageSize"], CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, RunListQueries.MaxPageSize) : 50;
            var sort = Enum.TryParse<RunSort>(request.Query["sort"], true, out var so) ? so : RunSort.Created;
            var descending = !string.Equals(request.Query["dir"], "asc", StringComparison.OrdinalIgnoreCase);
            var result = await queries.PageAsync(filter, sort, descending, page, size, ct);
            return Results.Ok(new { page, pageSize = size, total = result.Totals.Runs, totals = result.Totals, items = result.Items });
        });

        monitoring.MapGet("/runs/{id:guid}", async (Guid id, RunQueries queries, CancellationToken ct) =>
            await queries.RunAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound());

        monitoring.MapGet("/metrics", async (HttpRequest request, DashboardQueries queries, TimeProvider clock, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var from = Parse(request.Query["from"]) ?? now.AddHours(-24);
            var to = Parse(request.Query["to"]) ?? now;
            if (to <= from) return Results.Problem(statusCode: 400, title: "'to' must be after 'from' (ISO 8601, UTC).");
            if (to - from > MaxRange) return Results.Problem(statusCode: 400, title: $"A range may span at most {MaxRange.TotalDays} days.");
            var d = await queries.LoadAsync(from, to, ct);
            return Results.Ok(new
            {
                from = d.From, to = d.To, bucket = d.Hourly ? "hour" : "day",
                runs = d.Runs, steps = d.Steps, failedSteps = d.FailedSteps, errorRate = d.ErrorRate, tokens = d.Tokens, costUsd = d.CostUsd,
                latency = new { p50Ms = d.Latency.P50Ms, p95Ms = d.Latency.P95Ms },
                validation = d.Validation.Select(v => new { step = v.Step, version = v.Version, stepVersionId = v.StepVersionId, total = v.Total, valid = v.Valid, passRate = v.PassRate }),
                byModel = d.ByModel, byEndpoint = d.ByEndpoint, byPipeline = d.ByPipeline, reviewBacklog = d.ReviewBacklog,
                series = d.Series,
            });
        });
    }

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    /// <summary>API callers may name a pipeline by key (and a version by number) instead of by id.</summary>
    private static async Task<IResult?> ResolvePipelineAsync(HttpRequest request, RunFilter filter, RunListQueries queries, CancellationToken ct)
    {
        var key = request.Query["pipeline"].ToString();
        if (key.Length == 0) return null;
        var pipeline = (await queries.PipelinesAsync(ct)).FirstOrDefault(p => p.Key == key);
        if (pipeline is null) return Results.NotFound(new { message = $"There is no pipeline '{key}'." });
        filter.PipelineId = pipeline.Id;
        if (int.TryParse(request.Query["version"], CultureInfo.InvariantCulture, out var number))
        {
            var version = pipeline.Versions.FirstOrDefault(v => v.Number == number);
            if (version is null) return Results.NotFound(new { message = $"Pipeline '{key}' has no version {number}." });
            filter.PipelineVersionId = version.Id;
        }
        return null;
    }
}
