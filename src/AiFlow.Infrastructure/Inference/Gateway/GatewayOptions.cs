namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Bound from <c>AiFlow:Inference</c>: resilience defaults per endpoint and the SSRF allow-list.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "AiFlow:Inference";

    /// <summary>"host" or "host:port" entries that may resolve to loopback or private addresses (e.g. the demo simulator).</summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>HTTP retries on one endpoint (5xx, 429, timeouts) before the route falls through; 0 disables.</summary>
    public int MaxRetries { get; set; } = 2;

    public int RetryBaseDelayMs { get; set; } = 200;

    /// <summary>Longest wait a retry accepts, Retry-After included.</summary>
    public int MaxRetryDelayMs { get; set; } = 10_000;

    public double CircuitFailureRatio { get; set; } = 0.5;

    public int CircuitMinimumThroughput { get; set; } = 10;

    public int CircuitSamplingSeconds { get; set; } = 30;

    public int CircuitBreakMs { get; set; } = 30_000;

    /// <summary>Calls that may wait for a concurrency permit before the bulkhead rejects.</summary>
    public int BulkheadQueueLimit { get; set; } = 10_000;

    public int EmbeddingBatchSize { get; set; } = 64;

    /// <summary>How long routes and endpoints read from the database are reused; 0 reads them on every call.</summary>
    public int CatalogCacheMs { get; set; } = 2_000;

    /// <summary>
    /// False (default): rows are written behind the call by the group-commit writer and appear within one commit
    /// (the engine does not depend on it: it books its rows in the step's own commit).
    /// True: a call returns once its ai_request_logs rows are committed, for callers that read them at once.
    /// </summary>
    public bool AwaitAccounting { get; set; }

    /// <summary>Largest response body read from an endpoint; a larger one is refused as <c>response-too-large</c>.</summary>
    public int MaxResponseBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Least time between two health writes for one endpoint when its state has not changed.</summary>
    public int HealthWriteIntervalMs { get; set; } = 1_000;

    /// <summary>How long a pool replica that failed (5xx, timeout, network) stays out before one call probes it again.</summary>
    public int ReplicaProbeMs { get; set; } = 5_000;
}
