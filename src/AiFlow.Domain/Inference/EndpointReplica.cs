namespace AiFlow.Domain.Inference;

/// <summary>
/// One more server behind an endpoint (a pool): same model, key and prices, its own base URL, share and concurrency.
/// The endpoint's own <see cref="InferenceEndpoint.BaseUrl"/> is the pool's first replica.
/// </summary>
public class EndpointReplica
{
    public string BaseUrl { get; set; } = "";

    /// <summary>Share of calls among free replicas of the same endpoint (1..100); a weight-2 replica takes twice as many.</summary>
    public int Weight { get; set; } = 1;

    public int MaxConcurrency { get; set; } = 8;
}
