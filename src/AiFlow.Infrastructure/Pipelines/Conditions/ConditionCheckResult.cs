namespace AiFlow.Infrastructure.Pipelines.Conditions;

public sealed record ConditionCheckResult(IReadOnlyList<string> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
