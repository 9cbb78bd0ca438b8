namespace AiFlow.Infrastructure.Inference.Simulator;

/// <summary>
/// Where this console serves its own simulator (<c>/sim/v1</c>), once Kestrel has bound its port. The SSRF guard
/// allow-lists exactly this loopback host and port, so the demo works on whatever port the console listens on.
/// </summary>
public sealed class ConsoleSimulatorAddress
{
    public const string Path = "/sim/v1";

    private volatile Uri? baseUrl;

    /// <summary>The simulator's base URL (e.g. <c>http://127.0.0.1:5080/sim/v1</c>), or null before start-up or when it is not served.</summary>
    public Uri? BaseUrl => baseUrl;

    /// <summary>Takes the first http address Kestrel listens on; wildcard hosts are reached over 127.0.0.1.</summary>
    public void SetFromListeningAddresses(IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            var normalised = address.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
                .Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal);
            if (Uri.TryCreate(normalised, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
            {
                baseUrl = new Uri($"http://{uri.Authority}{Path}");
                return;
            }
        }
    }

    public bool Matches(string host, int port) =>
        baseUrl is { } own && own.Port == port && own.Host.Equals(host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
}
