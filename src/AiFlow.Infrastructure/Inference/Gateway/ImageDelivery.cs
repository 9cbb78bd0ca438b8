namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>How one attempt of a call with images sent them: by URL (the endpoint fetches media) or inline as <c>data:</c> URLs.</summary>
public sealed record ImageDelivery(string EndpointName, bool ByUrl)
{
    /// <summary>The words the request log and the rendered prompt use, so a reader sees which form an endpoint got.</summary>
    public string Describe(int images) => ByUrl
        ? $"[images: {images} sent to {EndpointName} as signed URLs it fetches]"
        : $"[images: {images} sent to {EndpointName} inline as data: URLs]";
}
