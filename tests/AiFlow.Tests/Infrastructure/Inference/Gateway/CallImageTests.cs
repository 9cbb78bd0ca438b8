using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

public class CallImageTests
{
    private const string Inline = "data:image/png;base64,AAAA";

    private static Func<CancellationToken, Task<string?>> Maker(Func<string?> make) => _ => Task.FromResult(make());

    [Fact]
    public async Task An_endpoint_that_does_not_fetch_gets_the_inline_form_and_no_fetch_address_is_made()
    {
        var made = 0;
        var image = new CallImage(Inline, Maker(() => $"https://console.example/media/{++made}"));

        Assert.Equal((Inline, false), await image.FormForAsync(endpointFetches: false, CancellationToken.None));
        Assert.False(image.SentByUrlTo(endpointFetches: false));
        Assert.Equal(0, made);
    }

    [Fact]
    public async Task The_fetch_address_is_made_once_for_every_attempt_that_goes_to_a_fetching_endpoint()
    {
        var made = 0;
        var image = new CallImage(Inline, Maker(() => $"https://console.example/media/{++made}"));

        var first = await image.FormForAsync(endpointFetches: true, CancellationToken.None);
        var inlineBetween = await image.FormForAsync(endpointFetches: false, CancellationToken.None);
        var second = await image.FormForAsync(endpointFetches: true, CancellationToken.None);

        Assert.Equal(("https://console.example/media/1", true), first);
        Assert.Equal((Inline, false), inlineBetween);
        Assert.Equal(("https://console.example/media/1", true), second);
        Assert.Equal(1, made);
        Assert.True(image.SentByUrlTo(endpointFetches: true));
    }

    [Fact]
    public async Task An_attempt_whose_fetch_address_could_not_be_made_sends_the_image_inline_and_the_next_attempt_makes_it_again()
    {
        var calls = 0;
        var image = new CallImage(Inline, _ => ++calls == 1
            ? Task.FromException<string?>(new IOException("storage unavailable"))
            : Task.FromResult<string?>("https://console.example/media/copy"));

        Assert.Equal((Inline, false), await image.FormForAsync(endpointFetches: true, CancellationToken.None));
        Assert.Equal(("https://console.example/media/copy", true), await image.FormForAsync(endpointFetches: true, CancellationToken.None));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task A_maker_with_no_address_to_give_sends_the_image_inline_and_says_so()
    {
        var image = new CallImage(Inline, Maker(() => null));

        Assert.Equal((Inline, false), await image.FormForAsync(endpointFetches: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_cancelled_attempt_is_cancelled_rather_than_sent_inline()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var image = new CallImage(Inline, ct => Task.FromCanceled<string?>(ct));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => image.FormForAsync(endpointFetches: true, cancelled.Token));
    }

    [Fact]
    public async Task An_image_without_a_fetch_form_goes_inline_even_to_an_endpoint_that_fetches()
    {
        var image = new CallImage("https://example.com/scan.png");

        Assert.Equal(("https://example.com/scan.png", false), await image.FormForAsync(endpointFetches: true, CancellationToken.None));
        Assert.False(image.SentByUrlTo(endpointFetches: true));
    }
}
