using AiFlow.Domain.Common;

namespace AiFlow.Domain.Inference;

/// <summary>
/// An OpenAI-compatible endpoint. Its API key comes from an environment variable named <c>AIFLOW_ENDPOINT_KEY_*</c>, or
/// is stored here encrypted with the data-protection key ring; the plain key never lives in the database.
/// </summary>
public class InferenceEndpoint : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public EndpointKind Kind { get; set; }
    public EndpointProvider Provider { get; set; }
    public string BaseUrl { get; set; } = "";
    public string Model { get; set; } = "";
    public string? ApiKeyEnvVar { get; set; }
    /// <summary>The API key as the data-protection key ring encrypted it, entered in the editor and never shown back.</summary>
    public string? ApiKeySecret { get; set; }
    public int TimeoutMs { get; set; } = 60_000;
    public int MaxConcurrency { get; set; } = 8;
    public decimal PricePer1MInputTokens { get; set; }
    public decimal PricePer1MOutputTokens { get; set; }
    public decimal PricePerGpuSecond { get; set; }
    public List<string> Tags { get; set; } = [];
    /// <summary>Replicas beside <see cref="BaseUrl"/>; empty for a single server (the endpoint behaves as it always did).</summary>
    public List<EndpointReplica> Replicas { get; set; } = [];
    /// <summary>
    /// The server can download an image from an http(s) URL it is given (ADR 0034): vision calls then send a signed,
    /// expiring address of the console's copy instead of the bytes inline, when the console has a public base URL.
    /// </summary>
    public bool FetchesMediaUrls { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>True for AiFlow's built-in simulator, shown as "Simulator" so no one mistakes it for a model.</summary>
    public bool IsSimulator { get; set; }
    public DateTimeOffset? LastSuccessAt { get; set; }
    public DateTimeOffset? LastErrorAt { get; set; }
    public string? LastError { get; set; }
    public uint Version { get; set; }

    /// <summary>The tag that reserves an endpoint for high-importance calls.</summary>
    public const string PremiumTag = "premium";
}
