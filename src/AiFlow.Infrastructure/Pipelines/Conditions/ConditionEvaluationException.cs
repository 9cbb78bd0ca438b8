namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>A condition that failed at run time; the node fails with the expression and the reason, never the worker.</summary>
public sealed class ConditionEvaluationException(string expression, string reason, Exception? inner = null)
    : Exception($"Condition '{expression}' failed: {reason}", inner)
{
    public string Expression { get; } = expression;
    public string Reason { get; } = reason;
}
