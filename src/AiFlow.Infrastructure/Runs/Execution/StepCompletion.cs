namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>An attempt's result, stamped when it finished rather than when its commit ran.</summary>
public sealed record StepCompletion(StepAttempt Attempt, StepExecutionResult Result, DateTimeOffset FinishedAt);
