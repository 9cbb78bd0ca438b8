namespace AiFlow.Infrastructure.Evaluation;

/// <summary>The evaluation started, or why not: the problem, the request field it is about, and whether the target was not found at all.</summary>
public sealed record EvaluationStart(Guid? EvaluationId, string? Problem = null, string? Pointer = null, bool NotFound = false)
{
    public static EvaluationStart Refused(string problem, string pointer) => new(null, problem, pointer);
}
