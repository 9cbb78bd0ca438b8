using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class SecurityHeadersTests(ConsoleFixture console)
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/me")]
    [InlineData("/health")]
    public async Task Every_answer_forbids_mime_sniffing_keeps_referrers_on_the_site_and_admits_only_the_console_itself(string path)
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[0-9a-f]{32}';", policy);
        Assert.Contains("object-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("*", policy, StringComparison.Ordinal);
    }
}
