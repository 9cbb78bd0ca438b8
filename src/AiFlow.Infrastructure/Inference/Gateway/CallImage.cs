namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// One image of a chat call in the forms it can travel in: <see cref="InlineUrl"/> (a <c>data:</c> URL, or any URL a
/// caller wants passed through) for every endpoint, and an http(s) address of the same bytes for endpoints marked
/// <c>FetchesMediaUrls</c>. The endpoint is picked per attempt, so the form is too (ADR 0034). The address is made on
/// first need, by the first attempt sent to an endpoint that fetches: making it may store a sized-down copy, which a
/// call served inline from start to end never needs.
/// </summary>
/// <param name="makeFetchUrl">Makes the address; null from it means none can be made now (no public base URL).</param>
public sealed class CallImage(string inlineUrl, Func<CancellationToken, Task<string?>>? makeFetchUrl = null)
{
    private readonly Lock gate = new();
    private Task<string?>? fetchUrl;

    public string InlineUrl => inlineUrl;

    /// <summary>Whether an attempt to such an endpoint is meant to get the address (what it gets is <see cref="FormForAsync"/>'s answer).</summary>
    public bool SentByUrlTo(bool endpointFetches) => endpointFetches && makeFetchUrl is not null;

    /// <summary>
    /// The form for this attempt's endpoint, and whether it is the address. The address is made once per call, again
    /// only if making it failed. Making it fails only on the console's side (storing the sized-down copy), never the
    /// endpoint's, so that attempt takes the image inline rather than failing: the endpoint is neither skipped nor
    /// booked as unhealthy for it.
    /// </summary>
    public async Task<(string Url, bool ByUrl)> FormForAsync(bool endpointFetches, CancellationToken cancellationToken)
    {
        if (!SentByUrlTo(endpointFetches)) return (inlineUrl, false);
        Task<string?> making;
        lock (gate)
        {
            if (fetchUrl is null || fetchUrl.IsFaulted || fetchUrl.IsCanceled) fetchUrl = makeFetchUrl!(cancellationToken);
            making = fetchUrl;
        }
        try
        {
            return await making is { } url ? (url, true) : (inlineUrl, false);
        }
#pragma warning disable CA1031 // Whatever the storage threw, the bytes can still go inline; the maker logs it.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return (inlineUrl, false);
        }
    }
}
