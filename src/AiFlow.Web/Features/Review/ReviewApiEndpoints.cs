using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Web.Api;
using AiFlow.Web.Security;

namespace AiFlow.Web.Features.Review;

public static class ReviewApiEndpoints
{
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
            var (body, error) = await JsonBody.BindAsync<FeedbackBody>(request, 256 * 1024, ct);
            if (error is not null) return error;
            if (body!.Decision is not { } decision || !Enum.IsDefined(decision))
            {
                return JsonBinding.Problem("/decision", "decision must be one of \"approve\", \"reject\" or \"correct\".");
            }
            if (body.Labels?.Any(l => l is null) == true) return JsonBinding.Problem("/labels", "labels must be an array of strings.");
            if (decision == ReviewDecision.Correct && body.CorrectedIr is null) return JsonBinding.Problem("/correctedIr", "A correction needs the corrected IR.");

            var reviewer = request.HttpContext.User.Identity?.Name ?? "api";
            var result = await queue.VoteAsync(id, body.Node, new ReviewSubmission(Guid.Empty, reviewer, decision,
                decision == ReviewDecision.Correct ? body.CorrectedIr!.ToJsonString() : null, [.. body.Labels ?? []], body.Rating, body.Comment), ct);
            if (!result.Succeeded)
            {
                var status = result.Refusal switch
                {
                    ReviewRefusal.NotFound => StatusCodes.Status404NotFound,
                    ReviewRefusal.Conflict => StatusCodes.Status409Conflict,
                    _ => StatusCodes.Status400BadRequest,
                };
                var extensions = new Dictionary<string, object?> { ["errors"] = result.Errors };
                if (result.Pointer is not null) extensions["pointer"] = result.Pointer;
                return Results.Problem(statusCode: status, title: result.Message, extensions: extensions);
            }
            return Results.Ok(new FeedbackRecorded(result.FeedbackId, result.ItemCompleted));
        }).RequireAuthorization(Policies.AdminReviewer);
    }
}
