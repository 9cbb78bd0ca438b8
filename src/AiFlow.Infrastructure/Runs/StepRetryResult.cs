namespace AiFlow.Infrastructure.Runs;

/// <summary><see cref="RunOperations.RetryStepAsync"/>'s answer: retried, or why not, and whether what it named is not there at all.</summary>
public sealed record StepRetryResult(string? Problem, bool NotFound = false)
{
    public static readonly StepRetryResult Retried = new((string?)null);

    public bool Succeeded => Problem is null;
}
