using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public class CallImageTests
{
    private const string Inline = "data:image/png;base64,AAAA";

    [Fact]
    public async Task An_endpoint_that_does_not_fetch_gets_the_inline_form_and_no_fetch_address_is_made()
    {
        var made = 0;
        var image = new CallImage(Inline, _ => Task.FromResult($"https://console.example/media/{++made}"));

        Assert.Equal(Inline, await image.UrlForAsync(endpointFetches: false, CancellationToken.None));
        Assert.False(image.SentByUrlTo(endpointFetches: false));
        Assert.Equal(0, made);
    }

    [Fact]
    public async Task The_fetch_address_is_made_once_for_every_attempt_that_goes_to_a_fetching_endpoint()
    {
        var made = 0;
        var image = new CallImage(Inline, _ => Task.FromResult($"https://console.example/media/{++made}"));

        var first = await image.UrlForAsync(endpointFetches: true, CancellationToken.None);
        var inlineBetween = await image.UrlForAsync(endpointFetches: false, CancellationToken.None);
        var second = await image.UrlForAsync(endpointFetches: true, CancellationToken.None);

        Assert.Equal(("https://console.example/media/1", Inline, "https://console.example/media/1"), (first, inlineBetween, second));
        Assert.Equal(1, made);
        Assert.True(image.SentByUrlTo(endpointFetches: true));
    }

    [Fact]
    public async Task A_fetch_address_whose_making_failed_is_made_again_by_the_next_attempt()
    {
        var calls = 0;
        var image = new CallImage(Inline, _ => ++calls == 1
            ? Task.FromException<string>(new IOException("storage unavailable"))
            : Task.FromResult("https://console.example/media/copy"));

        await Assert.ThrowsAsync<IOException>(() => image.UrlForAsync(endpointFetches: true, CancellationToken.None));
        Assert.Equal("https://console.example/media/copy", await image.UrlForAsync(endpointFetches: true, CancellationToken.None));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task An_image_without_a_fetch_form_goes_inline_even_to_an_endpoint_that_fetches()
    {
        var image = new CallImage("https://example.com/scan.png");

        Assert.Equal("https://example.com/scan.png", await image.UrlForAsync(endpointFetches: true, CancellationToken.None));
        Assert.False(image.SentByUrlTo(endpointFetches: true));
    }
}
