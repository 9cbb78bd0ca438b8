using AiFlow.Tests.Support;

namespace AiFlow.Tests.E2E;

[Collection(ConsoleCollection.Name)]
public class SecurityHeadersTests(ConsoleFixture console)
{
    [Theory]
    [InlineData("/signin")]
    [InlineData("/api/me")]
    [InlineData("/health")]
    public async Task Every_answer_forbids_mime_sniffing_and_keeps_referrers_on_the_site(string path)
    {
        using var client = new HttpClient { BaseAddress = console.App.BaseAddress };

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
