using AiFlow.Domain.Runs;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>How the run ends (or parks, for WaitingForReview); the lease is released in the same commit.</summary>
public sealed record RunEnd(RunStatus Status, string? Error);
