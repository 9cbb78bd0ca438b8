namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>A worker's hold on a run: the fencing token increases with every takeover, so a stale holder's writes fail.</summary>
public sealed record RunLease(Guid RunId, string Owner, long FencingToken);
