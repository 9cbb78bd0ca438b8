using AiFlow.Domain.Evaluation;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>What to evaluate: a step or pipeline version, on a dataset version (the newest when not given), against a baseline version (the active one when not given).</summary>
public sealed record EvaluationRequest(EvaluationTargetKind Kind, string Key, int Version, int? DatasetVersion, int? BaselineVersion, string? Tag, string? RequestedBy,
    Guid? ScheduledFor = null);
