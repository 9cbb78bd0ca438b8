namespace AiFlow.Infrastructure.Evaluation;

/// <summary>The evaluation started, or why not: the problem, the request field it is about, and whether what that field names does not exist.</summary>
public sealed record EvaluationStart(Guid? EvaluationId, string? Problem = null, string? Pointer = null, bool NotFound = false)
{
    public static EvaluationStart Refused(string problem, string pointer) => new(null, problem, pointer);

    /// <summary>The request names a step, pipeline or version that does not exist (a 404, where <see cref="Refused"/> is a 400).</summary>
    public static EvaluationStart Missing(string problem, string pointer) => new(null, problem, pointer, NotFound: true);
}
