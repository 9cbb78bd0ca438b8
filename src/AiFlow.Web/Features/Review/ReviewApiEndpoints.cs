using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Review;

public static class ReviewApiEndpoints
{
    private static readonly string[] Decisions = ["approve", "reject", "correct"];

    /// <summary>
    /// <c>POST /api/runs/{id}/feedback</c> with <c>{ "decision": "approve|reject|correct", "correctedIr": {...}, "labels": [], "rating": n,
    /// "comment": "...", "node": "key" }</c>: a reviewer's vote (Admin and Reviewer only), claimed and decided through the
    /// queue like a vote in the console. A correction that fails the step's IR schema is a 400 with the errors at their
    /// JSON Pointers in every validation mode; a step whose review is closed, or whose slots are all taken, is a 409.
    /// </summary>
    public static void MapReviewApi(this RouteGroupBuilder api)
    {
        api.MapPost("/runs/{id:guid}/feedback", async (Guid id, HttpRequest request, ReviewQueueService queue, CancellationToken ct) =>
        {
            var (o, error) = await JsonBody.ReadObjectAsync(request, 256 * 1024, ct);
            if (error is not null) return error;
            if (o!["decision"] is not JsonValue d || !d.TryGetValue<string>(out var name) || !Decisions.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return Invalid("/decision", "decision must be one of \"approve\", \"reject\" or \"correct\".");
            }
            var decision = Enum.Parse<ReviewDecision>(name, ignoreCase: true);
            if (!TryStrings(o["labels"], out var labels)) return Invalid("/labels", "labels must be an array of strings.");
            int? rating = null;
            if (o["rating"] is { } r)
            {
                if (r is not JsonValue rv || !rv.TryGetValue<int>(out var whole)) return Invalid("/rating", "rating must be a whole number.");
                rating = whole;
            }
            if (!JsonFields.TryString(o["node"], out var node)) return Invalid("/node", "node must be a string naming a node of the run.");
            if (!JsonFields.TryString(o["comment"], out var comment)) return Invalid("/comment", "comment must be a string.");
            if (decision == ReviewDecision.Correct && o["correctedIr"] is null) return Invalid("/correctedIr", "A correction needs the corrected IR.");

            var reviewer = request.HttpContext.User.Identity?.Name ?? "api";
            var result = await queue.VoteAsync(id, node, new ReviewSubmission(Guid.Empty, reviewer, decision,
                decision == ReviewDecision.Correct ? o["correctedIr"]!.ToJsonString() : null, labels, rating, comment), ct);
            if (!result.Succeeded)
            {
                var status = result.Refusal switch
                {
                    ReviewRefusal.NotFound => StatusCodes.Status404NotFound,
                    ReviewRefusal.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                };
                return Results.Problem(statusCode: status, title: result.Message,
                    extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
            }
            return Results.Ok(new { feedbackId = result.FeedbackId, itemCompleted = result.ItemCompleted });
        }).RequireAuthorization(Policies.AdminReviewer);
    }

    private static IResult Invalid(string pointer, string message) => JsonFields.Invalid(pointer, message);

    private static bool TryStrings(JsonNode? node, out List<string> values)
    {
        values = [];
        if (node is null) return true;
        if (node is not JsonArray array) return false;
        foreach (var element in array)
        {
            if (element is not JsonValue v || !v.TryGetValue<string>(out var s)) return false;
            values.Add(s);
        }
        return true;
    }
}
