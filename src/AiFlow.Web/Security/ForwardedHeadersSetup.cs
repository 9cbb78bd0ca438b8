using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace AiFlow.Web.Security;

/// <summary>
/// Behind a TLS-terminating proxy the console sees plain HTTP from the proxy. <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> are believed from loopback and from the proxies in <c>AiFlow:ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>:KnownNetworks</c> (CIDR ranges) only; then the request is HTTPS, so cookies are <c>Secure</c>
/// and HSTS is sent, and rate limits count the real client's address.
/// </summary>
public static class ForwardedHeadersSetup
{
    public const string Section = "AiFlow:ForwardedHeaders";

    public static IServiceCollection AddAiFlowForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var proxies = configuration.GetSection(Section + ":KnownProxies").Get<string[]>() ?? [];
        var networks = configuration.GetSection(Section + ":KnownNetworks").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies: '{proxy}' is not an IP address."));
            }

            foreach (var network in networks)
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"{Section}:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8."));
            }
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return services;
    }
}
