using System.Text.Json.Nodes;
using AiFlow.Domain.Reviews;

namespace AiFlow.Web.Features.Review;

/// <summary><c>POST /api/runs/{id}/feedback</c>: the decision, the corrected IR (any JSON, for a correction), labels, a rating, a comment and the node.</summary>
public sealed record FeedbackBody(ReviewDecision? Decision, JsonNode? CorrectedIr, IReadOnlyList<string>? Labels, int? Rating, string? Comment, string? Node);
