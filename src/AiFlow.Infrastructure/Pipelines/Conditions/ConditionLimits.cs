namespace AiFlow.Infrastructure.Pipelines.Conditions;

/// <summary>
/// The bounds on a node condition (ADR 0015). A condition is one expression, and Jint checks its time and memory
/// constraints between statements, so inside an expression what bounds the work is the length of the expression, the
/// size caps on strings and arrays and the checks that every built-in method makes before it runs.
/// </summary>
public static class ConditionLimits
{
    /// <summary>Longest condition accepted at publish and at run time; keeps parsing and the syntax walk trivial.</summary>
    public const int MaxExpressionLength = 2_000;

    /// <summary>The evaluation's budget, checked between statements and before every built-in method call.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(200);

    /// <summary>When <see cref="ConditionEvaluator.EvaluateAsync"/> gives up waiting, whatever the engine is doing.</summary>
    public static readonly TimeSpan HardDeadline = TimeSpan.FromSeconds(1);

    /// <summary>One regular-expression match; a match is a single native call that no other check interrupts.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    public const long MaxMemoryBytes = 8_000_000;

    /// <summary>
    /// Longest string a built-in may build in one call (2 MB of UTF-16): four times the largest run input
    /// (ExecutionOptions.MaxInputBytes), so ordinary text work on an input fits, and well under the memory limit.
    /// </summary>
    public const int MaxStringLength = 1_000_000;

    public const uint MaxArraySize = 100_000;

    public const int MaxStatements = 10_000;

    public const int MaxRecursionDepth = 64;
}
