namespace AiFlow.Infrastructure.Inference.Gateway;

internal static class GatewayHttp
{
    /// <summary>The named HttpClient every endpoint call goes through (SSRF-pinned sockets, headers, resilience).</summary>
    public const string ClientName = "aiflow-inference";
}
