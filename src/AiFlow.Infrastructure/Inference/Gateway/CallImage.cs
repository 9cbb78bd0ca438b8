namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// One image of a chat call in the forms it can travel in: <see cref="InlineUrl"/> (a <c>data:</c> URL, or any URL a
/// caller wants passed through) for every endpoint, and an http(s) address of the same bytes for endpoints marked
/// <c>FetchesMediaUrls</c>. The endpoint is picked per attempt, so the form is too (ADR 0034). The address is made on
/// first need, by the first attempt sent to an endpoint that fetches: making it may store a sized-down copy, which a
/// call served inline from start to end never needs.
/// </summary>
public sealed class CallImage(string inlineUrl, Func<CancellationToken, Task<string>>? makeFetchUrl = null)
{
    private readonly Lock gate = new();
    private Task<string>? fetchUrl;

    public string InlineUrl => inlineUrl;

    public bool SentByUrlTo(bool endpointFetches) => endpointFetches && makeFetchUrl is not null;

    /// <summary>The form for this attempt's endpoint; the address is made once per call, again only if making it failed.</summary>
    public async Task<string> UrlForAsync(bool endpointFetches, CancellationToken cancellationToken)
    {
        if (!SentByUrlTo(endpointFetches)) return inlineUrl;
        Task<string> making;
        lock (gate)
        {
            if (fetchUrl is null || fetchUrl.IsFaulted || fetchUrl.IsCanceled) fetchUrl = makeFetchUrl!(cancellationToken);
            making = fetchUrl;
        }
        return await making;
    }
}
