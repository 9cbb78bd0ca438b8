namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>This worker no longer holds the run (another took it over, or it was cancelled): its writes are refused.</summary>
public sealed class LeaseLostException(Guid runId) : Exception($"Run {runId}: this worker's lease is no longer valid; its writes were refused.");
