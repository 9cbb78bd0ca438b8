using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.GroundTruth;

public static class GroundTruthApiEndpoints
{
    public static void MapGroundTruthApi(this RouteGroupBuilder api)
    {
        // Examples are listed by the step or pipeline they belong to, named by key (or by id as scope=<id>).
        api.MapGet("/ground-truth", async (Guid? scope, string? step, string? pipeline, int? page, int? pageSize, GroundTruthQueries queries, CancellationToken ct) =>
        {
            if ((scope is null ? 0 : 1) + (step is null ? 0 : 1) + (pipeline is null ? 0 : 1) != 1)
            {
                return ApiProblems.Parameter(scope is null && step is null && pipeline is null ? "step" : "scope",
                    "Name exactly one of step=<step key>, pipeline=<pipeline key> or scope=<id>.");
            }
            var p = page ?? 1;
            var size = pageSize ?? 50;
            if (ApiQuery.CheckPage(p, size, 500) is { } invalid) return invalid;
            var id = scope ?? (step is not null ? await queries.StepIdAsync(step, ct) : await queries.PipelineIdAsync(pipeline!, ct));
            if (id is null) return ApiProblems.Status(StatusCodes.Status404NotFound, step is not null ? $"There is no step '{step}'." : $"There is no pipeline '{pipeline}'.");
            return Results.Ok(await queries.ApiPageAsync(id.Value, p, size, ct));
        }).RequireAuthorization(Policies.AdminReviewer);

        api.MapPost("/ground-truth/curate", async (CurationTrigger trigger, CancellationToken ct) =>
        {
            await trigger.TriggerAsync(ct);
            return Results.Accepted();
        }).RequireAuthorization(Policies.AdminReviewer);
    }
}
