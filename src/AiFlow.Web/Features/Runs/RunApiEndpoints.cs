using System.Text.Json.Nodes;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Scheduling;
using AiFlow.Web.Api;
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Security;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Features.Runs;

public static class RunApiEndpoints
{

    public static void MapRunApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pipelines", async (RunListQueries queries, CancellationToken ct) =>
            Results.Ok((await queries.PipelinesAsync(ct)).Select(PipelineSummary.From)))
            .RequireAuthorization(Policies.AdminOps);

        api.MapPost("/pipelines/{key}/runs", async (string key, HttpRequest request, RunLauncher launcher, IOptions<ExecutionOptions> options, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, options.Value.MaxInputBytes, ct);
            if (error is not null) return error;
            if (body is not JsonObject o || !o.ContainsKey("input"))
            {
                return Results.Problem(statusCode: 400, title: "Send { \"input\": { ... } } and optionally \"version\": n.");
            }
            var version = o["version"]?.GetValue<int>();
            var result = await launcher.LaunchAsync(key, o["input"]?.ToJsonString() ?? "null", RunTrigger.Api, request.HttpContext.User.Identity?.Name, version, ct);
            return ToHttp(result);
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);

        api.MapPut("/pipelines/{key}/schedule", async (string key, HttpRequest request, PipelineScheduleService schedules, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, 4096, ct);
            if (error is not null) return error;
            var problem = await schedules.SetAsync(key, body?["cron"]?.GetValue<string>(), ct);
            return problem is null ? Results.NoContent() : Results.BadRequest(new { message = problem });
        }).RequireAuthorization(Policies.AdminOnly);

        api.MapGet("/runs/{id:guid}", async (Guid id, RunQueries queries, CancellationToken ct) =>
            await queries.RunAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        api.MapPost("/runs/{id:guid}/cancel", async (Guid id, RunOperations ops, CancellationToken ct) =>
            await ops.CancelAsync(id, ct) ? Results.Accepted() : Results.Conflict(new { message = "The run is not running, queued or waiting." }))
            .RequireAuthorization(Policies.AdminOps);

        api.MapPost("/runs/{id:guid}/steps/{node}/retry", async (Guid id, string node, RunOperations ops, CancellationToken ct) =>
            await ops.RetryStepAsync(id, node, ct) is { } problem ? Results.Conflict(new { message = problem }) : Results.Accepted())
            .RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);

        api.MapPost("/runs/{id:guid}/replay", async (Guid id, HttpRequest request, RunQueries queries, RunLauncher launcher, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, 4096, ct);
            if (error is not null) return error;
            var source = await queries.SourceAsync(id, ct);
            if (source is null) return Results.NotFound();
            var version = body?["version"]?.GetValue<int>();
            return ToHttp(await launcher.LaunchAsync(source.Value.PipelineKey, source.Value.InputJson, RunTrigger.Replay, request.HttpContext.User.Identity?.Name, version, ct));
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);
    }

    private static IResult ToHttp(LaunchResult result) => result.Outcome switch
    {
        LaunchOutcome.Started => Results.Accepted($"/api/runs/{result.RunId}", new { runId = result.RunId }),
        LaunchOutcome.PipelineNotFound or LaunchOutcome.VersionNotFound => Results.NotFound(new { message = result.Message }),
        LaunchOutcome.NoActiveVersion => Results.Conflict(new { message = result.Message }),
        _ => Results.BadRequest(new { message = result.Message, errors = result.Errors }),
    };

}
