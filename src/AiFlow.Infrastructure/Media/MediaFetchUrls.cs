using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Absolute, signed, short-lived addresses of an asset's bytes for a model server to download (ADR 0034). Unlike the
/// console's own addresses (<see cref="MediaUrls"/>), the token is the whole authorisation, since a GPU server has no
/// session: it is signed for another purpose, so a page's token never opens the route without a session, and it
/// lives <see cref="MediaOptions.FetchUrlMinutes"/> (15 minutes by default).
/// </summary>
public sealed class MediaFetchUrls(IDataProtectionProvider protection, IOptionsMonitor<MediaOptions> options, TimeProvider clock)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("AiFlow.Media.FetchUrl.v1").ToTimeLimitedDataProtector();

    /// <summary>False when no public base URL is configured: then nothing is sent by URL.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(options.CurrentValue.PublicBaseUrl);

    /// <summary>The address a model server fetches, or null when <see cref="Enabled"/> is false.</summary>
    public string? For(Guid assetId)
    {
        var current = options.CurrentValue;
        if (string.IsNullOrWhiteSpace(current.PublicBaseUrl)) return null;
        var expires = clock.GetUtcNow() + TimeSpan.FromMinutes(current.FetchUrlMinutes);
        var token = _protector.Protect(assetId.ToString("N", CultureInfo.InvariantCulture), expires);
        return $"{current.PublicBaseUrl.TrimEnd('/')}/media/{assetId}/content?token={Uri.EscapeDataString(token)}";
    }

    /// <summary>True when the token was issued by <see cref="For"/> for this asset and has not expired.</summary>
    public bool Verify(Guid assetId, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        try
        {
            var payload = _protector.Unprotect(token, out var expiration);
            return expiration >= clock.GetUtcNow() && payload == assetId.ToString("N", CultureInfo.InvariantCulture);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }
}
