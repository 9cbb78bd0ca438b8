namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// One image of a chat call in the forms it can travel in: <see cref="InlineUrl"/> (a <c>data:</c> URL, or any URL a
/// caller wants passed through) for every endpoint, and <see cref="FetchUrl"/>, an http(s) address of the same bytes,
/// for endpoints marked <c>FetchesMediaUrls</c>. The endpoint is picked per attempt, so the form is too (ADR 0034).
/// </summary>
public sealed record CallImage(string InlineUrl, string? FetchUrl = null)
{
    public string UrlFor(bool endpointFetches) => endpointFetches && FetchUrl is not null ? FetchUrl : InlineUrl;

    public bool SentByUrlTo(bool endpointFetches) => endpointFetches && FetchUrl is not null;
}
