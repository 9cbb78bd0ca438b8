using AiFlow.Infrastructure.Media;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;

namespace AiFlow.Tests.Infrastructure.Media;

public class MediaUrlsTests
{
    // The data-protection token also carries its expiry against the real clock, so the fake clock starts at the real now.
    private readonly FakeTimeProvider clock = new(TimeProvider.System.GetUtcNow());
    private readonly MediaUrls urls;

    public MediaUrlsTests() => urls = new MediaUrls(new EphemeralDataProtectionProvider(), clock);

    private static string TokenOf(string url) => Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);

    [Fact]
    public void A_signed_url_works_for_its_asset_until_it_expires_and_not_after()
    {
        var id = Guid.NewGuid();
        var token = TokenOf(urls.For(id, TimeSpan.FromMinutes(5)));

        Assert.True(urls.Verify(id, token));
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.True(urls.Verify(id, token));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.False(urls.Verify(id, token));
    }

    [Fact]
    public void A_token_issued_for_one_asset_does_not_open_another_and_a_forged_or_missing_token_opens_nothing()
    {
        var id = Guid.NewGuid();
        var token = TokenOf(urls.For(id));
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
        var otherRing = TokenOf(new MediaUrls(new EphemeralDataProtectionProvider(), clock).For(id));

        Assert.False(urls.Verify(Guid.NewGuid(), token));
        Assert.False(urls.Verify(id, forged));
        Assert.False(urls.Verify(id, otherRing));
        Assert.False(urls.Verify(id, null));
        Assert.False(urls.Verify(id, "not-a-token"));
    }
}
