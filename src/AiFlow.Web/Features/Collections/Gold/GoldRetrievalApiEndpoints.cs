using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Retrieval.Collections;
using AiFlow.Infrastructure.Retrieval.Gold;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Collections.Gold;

/// <summary>
/// The gold retrieval set over HTTP: Reviewers and Admins judge a retrieval step's chunks
/// (<c>PUT /api/runs/{id}/steps/{node}/chunk-labels</c>); every role reads a collection's gold set and its retrieval
/// quality per step version. A chunk the step did not retrieve is a 400 at <c>/chunkId</c> and nothing is saved.
/// </summary>
public static class GoldRetrievalApiEndpoints
{
    public static void MapGoldRetrievalApi(this RouteGroupBuilder api)
    {
        api.MapPut("/runs/{id:guid}/steps/{node}/chunk-labels", async (Guid id, string node, HttpRequest request, GoldRetrievalService gold, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.BindAsync<ChunkLabelBody>(request, 4096, ct);
            if (error is not null) return error;
            if (body!.Attempt is < 1) return JsonBinding.Problem("/attempt", "attempt must be a whole number from 1.");
            var result = await gold.LabelAsync(id, node, body.Attempt, body.ChunkId, body.Relevant, request.HttpContext.User, ct);
            return result.Outcome switch
            {
                SaveOutcome.Saved => Results.Ok(result.Value!),
                SaveOutcome.NotFound => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: result.Message),
                SaveOutcome.Conflict => Results.Problem(statusCode: StatusCodes.Status409Conflict, title: result.Message,
                    extensions: new Dictionary<string, object?> { ["pointer"] = result.Problems[0].Field }),
                _ => JsonBinding.Problem(result.Problems[0].Field, result.Message),
            };
        }).RequireAuthorization(Policies.AdminReviewer);

        api.MapGet("/collections/{key}/gold-retrieval", async (string key, GoldRetrievalService gold, CancellationToken ct) =>
            await gold.GoldSetAsync(key, ct) is { } queries
                ? Results.Ok(GoldRetrievalJson.Of(key, queries))
                : NotFound(key))
            .RequireAuthorization(Policies.AnyRole);

        api.MapGet("/collections/{key}/retrieval-quality", async (string key, GoldRetrievalService gold, CancellationToken ct) =>
            await gold.QualityAsync(key, ct) is { } quality
                ? Results.Ok(RetrievalQualityJson.Of(key, quality))
                : NotFound(key))
            .RequireAuthorization(Policies.AnyRole);
    }

    private static IResult NotFound(string key) => Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"There is no collection '{key}'.");
}
