using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace AiFlow.Infrastructure.Media;

/// <summary>
/// Signs media addresses with the shared data-protection key ring, so every console instance accepts what another
/// issued and a token names one asset until it expires. The token is not the authorisation: the route still demands
/// a signed-in user; it keeps an address copied out of a page from working for ever or for another asset.
/// </summary>
public sealed class MediaUrls(IDataProtectionProvider protection, TimeProvider clock) : IMediaUrls
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromMinutes(30);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("AiFlow.Media.ContentUrl.v1").ToTimeLimitedDataProtector();

    public string For(Guid assetId, TimeSpan? lifetime = null)
    {
        var expires = clock.GetUtcNow() + (lifetime ?? DefaultLifetime);
        var token = _protector.Protect(assetId.ToString("N", CultureInfo.InvariantCulture), expires);
        return $"/media/{assetId}/content?token={Uri.EscapeDataString(token)}";
    }

    /// <summary>True when the token was issued for this asset and has not expired.</summary>
    public bool Verify(Guid assetId, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }

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
