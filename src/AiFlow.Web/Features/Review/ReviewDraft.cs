using AiFlow.Domain.Reviews;

namespace AiFlow.Web.Features.Review;

/// <summary>What the panel autosaves to the browser's localStorage while a reviewer works.</summary>
public sealed record ReviewDraft(ReviewDecision? Decision, string Correction, List<string> Labels, int? Rating, string Comment);
