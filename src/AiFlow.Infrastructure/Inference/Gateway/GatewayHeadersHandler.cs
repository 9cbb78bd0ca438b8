namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Outermost handler: adds <c>Idempotency-Key</c> (kept across retries) and maps token/temperature parameters.</summary>
internal sealed class GatewayHeadersHandler : DelegatingHandler
{
    public const string IdempotencyHeader = "Idempotency-Key";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (GatewayCallContext.Current is { } call)
        {
            request.Headers.Remove(IdempotencyHeader);
            request.Headers.TryAddWithoutValidation(IdempotencyHeader, call.IdempotencyKey);
            if (request.Content is not null && request.Method == HttpMethod.Post
                && request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) == true)
            {
                var body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
                if (ChatParameterMapper.Map(body, call.Model) is { } mapped)
                {
                    var contentType = request.Content.Headers.ContentType;
                    request.Content = new ByteArrayContent(mapped);
                    request.Content.Headers.ContentType = contentType;
                }
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
