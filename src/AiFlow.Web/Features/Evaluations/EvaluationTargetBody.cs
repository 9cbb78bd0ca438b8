namespace AiFlow.Web.Features.Evaluations;

/// <summary>A step or a pipeline (exactly one of the two keys) and its version number.</summary>
public sealed record EvaluationTargetBody(string? Step, string? Pipeline, int? Version);
