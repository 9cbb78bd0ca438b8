using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Web.Api;

namespace AiFlow.Web.Features.Review;

public static class ReviewApiEndpoints
{
    /// <summary>
    /// <c>POST /api/runs/{id}/feedback</c> with <c>{ "decision": "approve|reject|correct", "correctedIr": {...}, "labels": [], "rating": n,
    /// "comment": "...", "node": "key" }</c>. A correction is validated against the step's IR schema; under enforce an invalid one is a 400
    /// with the errors at their JSON Pointers.
    /// </summary>
    public static void MapReviewApi(this RouteGroupBuilder api)
    {
        api.MapPost("/runs/{id:guid}/feedback", async (Guid id, HttpRequest request, ReviewDecisionWriter writer, CancellationToken ct) =>
        {
            var (body, error) = await JsonBody.ReadAsync(request, 256 * 1024, ct);
            if (error is not null) return error;
            if (body is not JsonObject o || !Enum.TryParse<ReviewDecision>(o["decision"]?.GetValue<string>(), ignoreCase: true, out var decision))
            {
                return Results.BadRequest(new { message = "Send { \"decision\": \"approve\" | \"reject\" | \"correct\", ... }." });
            }
            List<string> labels;
            int? rating;
            try
            {
                labels = o["labels"] is JsonArray a ? [.. a.Select(l => l!.GetValue<string>())] : [];
                rating = o["rating"]?.GetValue<int>();
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or NullReferenceException)
            {
                return Results.BadRequest(new { message = "labels must be an array of strings and rating a whole number." });
            }
            var result = await writer.SubmitExternalAsync(id, o["node"]?.GetValue<string>(), request.HttpContext.User.Identity?.Name ?? "api", decision,
                o["correctedIr"]?.ToJsonString(), labels, rating, o["comment"]?.GetValue<string>(), ct);
            if (!result.Succeeded)
            {
                var notFound = result.Message?.StartsWith("There is no such run", StringComparison.Ordinal) == true;
                return notFound ? Results.NotFound(new { message = result.Message }) : Results.BadRequest(new { message = result.Message, errors = result.Errors });
            }
            return Results.Ok(new { feedbackId = result.FeedbackId, decidedParkedStep = result.ItemCompleted, errors = result.Errors });
        });
    }
}
