namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>A slot on one replica, held for one attempt; <see cref="WaitedMs"/> is how long the call queued for it.</summary>
public sealed record PoolLease(PoolCandidate Candidate, int WaitedMs);
