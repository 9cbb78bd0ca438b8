using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.GroundTruth;

public static class GroundTruthApiEndpoints
{
    public static void MapGroundTruthApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ground-truth", async (Guid? scope, int? page, int? pageSize, GroundTruthQueries queries, CancellationToken ct) =>
        {
            if (scope is null) return ApiProblems.Parameter("scope", "Pass scope=<stepVersionId>.");
            var p = page ?? 1;
            var size = pageSize ?? 50;
            if (ApiQuery.CheckPage(p, size, 500) is { } invalid) return invalid;
            return Results.Ok(await queries.ApiPageAsync(scope.Value, p, size, ct));
        }).RequireAuthorization(Policies.AdminReviewer);

        api.MapPost("/ground-truth/curate", async (CurationTrigger trigger, CancellationToken ct) =>
        {
            await trigger.TriggerAsync(ct);
            return Results.Accepted();
        }).RequireAuthorization(Policies.AdminReviewer);
    }
}
