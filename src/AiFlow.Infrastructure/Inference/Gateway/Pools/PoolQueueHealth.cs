namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>The pool queue on this node: calls waiting now, the oldest one's wait so far, and the p50 of recent waits.</summary>
public sealed record PoolQueueHealth(int Depth, int OldestWaitMs, double? RecentWaitP50Ms, long Queued);
