using AiFlow.Domain.Inference;

namespace AiFlow.Web.Features.Endpoints;

/// <summary>
/// An endpoint as an admin edits it (API body and page form). A key sent in <see cref="ApiKey"/> is stored encrypted and
/// never read back: no answer carries it, and the form of an existing endpoint starts without it.
/// </summary>
public sealed class EndpointForm
{
    public string Name { get; set; } = "";
    public EndpointKind Kind { get; set; } = EndpointKind.Chat;
    public EndpointProvider Provider { get; set; } = EndpointProvider.OpenAiCompatible;
    public string BaseUrl { get; set; } = "";
    public string Model { get; set; } = "";
    /// <summary>An environment variable named <c>AIFLOW_ENDPOINT_KEY_…</c> that holds the key; replaces a stored key.</summary>
    public string? ApiKeyEnvVar { get; set; }

    /// <summary>A key to store encrypted with the key ring (write-only); replaces the variable. Empty keeps what is stored.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Forget the stored key (with no variable and no new key: the endpoint then sends none).</summary>
    public bool ClearApiKey { get; set; }
    public int TimeoutMs { get; set; } = 60_000;
    public int MaxConcurrency { get; set; } = 8;
    public decimal PricePer1MInputTokens { get; set; }
    public decimal PricePer1MOutputTokens { get; set; }
    public decimal PricePerGpuSecond { get; set; }
    public bool Enabled { get; set; } = true;
    public bool IsSimulator { get; set; }
    /// <summary>Tagged premium: only high-importance calls may use it.</summary>
    public bool Premium { get; set; }
    /// <summary>
    /// The server downloads images from URLs it is given: vision calls send it signed, short-lived addresses of the
    /// console's copy instead of inline data, once the <c>Media:PublicBaseUrl</c> setting is set (ADR 0034). Off by default.
    /// </summary>
    public bool FetchesMediaUrls { get; set; }
    /// <summary>More servers beside <see cref="BaseUrl"/> (a pool); empty for a single server.</summary>
    public List<EndpointReplica> Replicas { get; set; } = [];

    public static EndpointForm From(InferenceEndpoint e) => new()
    {
        Name = e.Name, Kind = e.Kind, Provider = e.Provider, BaseUrl = e.BaseUrl, Model = e.Model, ApiKeyEnvVar = e.ApiKeyEnvVar,
        TimeoutMs = e.TimeoutMs, MaxConcurrency = e.MaxConcurrency, PricePer1MInputTokens = e.PricePer1MInputTokens,
        PricePer1MOutputTokens = e.PricePer1MOutputTokens, PricePerGpuSecond = e.PricePerGpuSecond, Enabled = e.Enabled, IsSimulator = e.IsSimulator,
        Premium = e.Tags.Contains(InferenceEndpoint.PremiumTag, StringComparer.OrdinalIgnoreCase), FetchesMediaUrls = e.FetchesMediaUrls,
        Replicas = [.. e.Replicas.Select(r => new EndpointReplica { BaseUrl = r.BaseUrl, Weight = r.Weight, MaxConcurrency = r.MaxConcurrency })],
    };

    public void ApplyTo(InferenceEndpoint e)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.Name = Name.Trim();
        e.Kind = Kind;
        e.Provider = Provider;
        e.BaseUrl = BaseUrl.Trim();
        e.Model = Model.Trim();
        e.ApiKeyEnvVar = string.IsNullOrWhiteSpace(ApiKeyEnvVar) ? null : ApiKeyEnvVar.Trim();
        e.TimeoutMs = TimeoutMs;
        e.MaxConcurrency = MaxConcurrency;
        e.PricePer1MInputTokens = PricePer1MInputTokens;
        e.PricePer1MOutputTokens = PricePer1MOutputTokens;
        e.PricePerGpuSecond = PricePerGpuSecond;
        e.Enabled = Enabled;
        e.IsSimulator = IsSimulator;
        e.FetchesMediaUrls = FetchesMediaUrls;
        // Other tags are kept; only premium is the form's to set.
        e.Tags = [.. e.Tags.Where(t => !string.Equals(t, InferenceEndpoint.PremiumTag, StringComparison.OrdinalIgnoreCase)), .. Premium ? [InferenceEndpoint.PremiumTag] : Array.Empty<string>()];
        e.Replicas = [.. Replicas.Select(r => new EndpointReplica { BaseUrl = r.BaseUrl.Trim(), Weight = r.Weight, MaxConcurrency = r.MaxConcurrency })];
    }
}
