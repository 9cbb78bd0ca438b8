using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Security;

/// <summary>
/// Authenticates a Prometheus scraper on <c>/metrics</c> by the token in <c>AiFlow:Metrics:ScrapeToken</c>. Its principal
/// holds only <see cref="Role"/>, which no policy but <see cref="Policies.MetricsScrape"/> admits.
/// </summary>
public sealed class ScrapeTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<MetricsScrapeOptions> scrape)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ScrapeToken";
    public const string Role = "MetricsScraper";
    public const string Path = "/metrics";

    /// <summary>Whether the request is a scrape of <c>/metrics</c> carrying the configured token (compared in constant time).</summary>
    public static bool Carries(HttpContext context, string? token)
    {
        if (string.IsNullOrEmpty(token) || !context.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase)) return false;
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()), Encoding.UTF8.GetBytes(token));
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Carries(Context, scrape.CurrentValue.ScrapeToken)) return Task.FromResult(AuthenticateResult.NoResult());
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "metrics-scraper"), new Claim(ClaimTypes.Role, Role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
