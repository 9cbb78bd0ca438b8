namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A node attempt to record as running; the store answers with its <see cref="StepAttempt"/>.</summary>
public sealed record StepStart(string NodeKey, Guid StepVersionId, int Attempt);
