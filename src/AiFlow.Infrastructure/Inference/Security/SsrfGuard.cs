using System.Net;
using System.Net.Sockets;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Security;

/// <summary>
/// Keeps endpoint calls off internal networks: only http(s), and every connection (redirects included) goes to an
/// address resolved once, checked, and then connected to directly, so DNS cannot be re-bound between check and use.
/// Hosts on <c>AiFlow:Inference:AllowedHosts</c> ("host" or "host:port") skip the address check, and so does the
/// console's own simulator (its exact loopback host and port, known once Kestrel has bound).
/// </summary>
public sealed class SsrfGuard(IOptionsMonitor<GatewayOptions> options, ConsoleSimulatorAddress? ownSimulator = null)
{
    /// <summary>Checks a URL without DNS: scheme, and a literal IP host. Returns the problem or null.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return "Enter an absolute URL, e.g. https://api.example.com/v1.";
        }

        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return "Only http and https URLs are allowed.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Credentials in the URL are not allowed; name an environment variable instead.";
        }

        if (IsAllowListed(uri.IdnHost, uri.Port))
        {
            return null;
        }

        if (uri.IdnHost.Equals("localhost", StringComparison.OrdinalIgnoreCase) || uri.IdnHost.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return "localhost is refused (loopback) unless its host is allow-listed in AiFlow:Inference:AllowedHosts.";
        }

        return IPAddress.TryParse(uri.IdnHost.Trim('[', ']'), out var literal) && AddressPolicy.WhyRefused(literal) is { } why
            ? $"{uri.IdnHost} is refused: {why}. Allow-list the host in AiFlow:Inference:AllowedHosts if it is meant."
            : null;
    }

    /// <summary>Checks a URL including DNS: every address the host resolves to must be public (or the host allow-listed).</summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken cancellationToken)
    {
        if (CheckUrl(url) is { } problem) return problem;
        var uri = new Uri(url!);
        try
        {
            await ResolveAsync(uri.IdnHost, uri.Port, cancellationToken);
            return null;
        }
        catch (SsrfRefusedException ex)
        {
            return ex.Message;
        }
        catch (SocketException ex)
        {
            return $"{uri.IdnHost} does not resolve: {ex.Message}";
        }
    }

    public bool IsAllowListed(string host, int port)
    {
        var bare = host.Trim('[', ']');
        if (ownSimulator?.Matches(bare, port) == true) return true;
        return options.CurrentValue.AllowedHosts.Any(entry =>
        {
            var e = entry.Trim();
            return e.Equals(bare, StringComparison.OrdinalIgnoreCase)
                || e.Equals($"{bare}:{port}", StringComparison.OrdinalIgnoreCase)
                || e.Equals($"[{bare}]:{port}", StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>Resolves once and returns the address to connect to; throws <see cref="SsrfRefusedException"/> when refused.</summary>
    public async Task<IPAddress> ResolveAsync(string host, int port, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(bare, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(bare, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SsrfRefusedException($"{host} resolves to no address.");
        }

        if (!IsAllowListed(host, port))
        {
            // Refuse when any answer is internal: a mixed answer is how DNS rebinding gets in.
            foreach (var address in addresses)
            {
                if (AddressPolicy.WhyRefused(address) is { } why)
                {
                    throw new SsrfRefusedException($"{host} resolves to {address}, which is refused: {why}.");
                }
            }
        }

        return addresses[0];
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to the address it checked.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endPoint = context.DnsEndPoint;
        var address = await ResolveAsync(endPoint.Host, endPoint.Port, cancellationToken);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
