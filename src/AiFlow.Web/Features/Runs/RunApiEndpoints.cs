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
            var (body, error) = await JsonBody.BindAsync<RunLaunchBody>(request, options.Value.MaxInputBytes, ct);
            if (error is not null) return error;
            if (body!.Input is null) return JsonBinding.Problem("/input", "Send { \"input\": { ... } } and optionally \"version\": n.");
            if (body.Version is < 1) return JsonBinding.Problem("/version", "version must be a whole number from 1.");
            var origin = new RunOrigin(ApiKeyAuthenticationHandler.KeyIdOf(request.HttpContext.User), new RunRouting(body.Importance, body.CostSensitive));
            var result = await launcher.LaunchAsync(key, body.Input.ToJsonString(), RunTrigger.Api, request.HttpContext.User.Identity?.Name, origin, body.Version, ct);
            // An input the pipeline's schema refuses is named inside the body's input, where the first error is.
            if (result.Outcome == LaunchOutcome.InvalidInput)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: result.Message ?? "",
                    extensions: new Dictionary<string, object?> { ["pointer"] = PipelineInputCheck.Pointer(result.Errors), ["errors"] = result.Errors });
            }
            return ToHttp(result);
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);

        api.MapPut("/pipelines/{key}/schedule", async (string key, HttpRequest request, PipelineScheduleService schedules, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<PipelineScheduleBody>(request, 4096, ct);
            if (error is not null) return error;
            var result = await schedules.SetAsync(key, new PipelineScheduleSettings(body!.Cron, body.TimeZone, body.Enabled ?? true, body.Input?.ToJsonString()), ct);
            if (result.NotFound) return ApiProblems.Status(StatusCodes.Status404NotFound, result.Problem!);
            return result.Succeeded ? Results.NoContent() : JsonBinding.Problem(result.Pointer!, result.Problem!);
        }).RequireAuthorization(Policies.AdminOnly);

        api.MapGet("/pipelines/{key}/schedule", async (string key, PipelineScheduleService schedules, CancellationToken ct) =>
            await schedules.GetAsync(key, ct) is { } schedule ? Results.Ok(PipelineScheduleResponse.From(schedule)) : ApiProblems.Status(StatusCodes.Status404NotFound, $"There is no pipeline '{key}'."))
            .RequireAuthorization(Policies.AdminOps);

        api.MapGet("/runs/{id:guid}", async (Guid id, RunQueries queries, CancellationToken ct) =>
            await queries.RunAsync(id, ct) is { } run ? Results.Ok(run) : Results.NotFound())
            .RequireAuthorization(Policies.AdminOps);

        api.MapPost("/runs/{id:guid}/cancel", async (Guid id, RunOperations ops, CancellationToken ct) =>
            await ops.CancelAsync(id, ct) ? Results.Accepted() : ApiProblems.Status(StatusCodes.Status409Conflict, "The run is not running, queued or waiting."))
            .RequireAuthorization(Policies.AdminOps);

        api.MapPost("/runs/{id:guid}/steps/{node}/retry", async (Guid id, string node, RunOperations ops, CancellationToken ct) =>
            await ops.RetryStepAsync(id, node, ct) switch
            {
                { Succeeded: true } => Results.Accepted(),
                { NotFound: true } missing => ApiProblems.Status(StatusCodes.Status404NotFound, missing.Problem!),
                var refused => ApiProblems.Status(StatusCodes.Status409Conflict, refused.Problem!),
            })
            .RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);

        api.MapPost("/runs/{id:guid}/replay", async (Guid id, HttpRequest request, RunQueries queries, RunLauncher launcher, CancellationToken ct) =>
        {
            int? version = null;
            if (JsonBody.HasBody(request))
            {
                var (body, error) = await JsonBody.BindAsync<RunReplayBody>(request, 4096, ct);
                if (error is not null) return error;
                if (body!.Version is < 1) return JsonBinding.Problem("/version", "version must be a whole number from 1.");
                version = body.Version;
            }
            var source = await queries.SourceAsync(id, ct);
            if (source is null) return Results.NotFound();
            return ToHttp(await launcher.LaunchAsync(source.Value.PipelineKey, source.Value.InputJson, RunTrigger.Replay, request.HttpContext.User.Identity?.Name,
                new RunOrigin(ApiKeyAuthenticationHandler.KeyIdOf(request.HttpContext.User), null), version, ct));
        }).RequireAuthorization(Policies.AdminOps).RequireRateLimiting(RateLimits.Costly);
    }

    private static IResult ToHttp(LaunchResult result) => result.Outcome switch
    {
        LaunchOutcome.Started => Results.Accepted($"/api/runs/{result.RunId}", new RunStarted(result.RunId!.Value)),
        LaunchOutcome.PipelineNotFound or LaunchOutcome.VersionNotFound => ApiProblems.Status(StatusCodes.Status404NotFound, result.Message ?? ""),
        LaunchOutcome.NoActiveVersion => ApiProblems.Status(StatusCodes.Status409Conflict, result.Message ?? ""),
        _ => ApiProblems.Status(StatusCodes.Status400BadRequest, result.Message ?? "", result.Errors),
    };

}
