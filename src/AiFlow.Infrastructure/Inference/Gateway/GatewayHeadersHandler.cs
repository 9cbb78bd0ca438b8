using System.Buffers;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// Outermost handler: adds <c>Idempotency-Key</c> (kept across retries), maps token/temperature parameters, and reads
/// the answer into memory up to <see cref="GatewayOptions.MaxResponseBytes"/> so a runaway response cannot exhaust it.
/// </summary>
internal sealed class GatewayHeadersHandler(IOptionsMonitor<GatewayOptions> options) : DelegatingHandler
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

        var response = await base.SendAsync(request, cancellationToken);
        return await LimitAsync(response, options.CurrentValue.MaxResponseBytes, cancellationToken);
    }

    private static async Task<HttpResponseMessage> LimitAsync(HttpResponseMessage response, int limit, CancellationToken cancellationToken)
    {
        var announced = response.Content.Headers.ContentLength;
        if (announced > limit)
        {
            response.Dispose();
            throw ResponseTooLargeException.For(announced, limit);
        }

        // The SDK buffers the whole body anyway; reading it here, bounded, costs one copy and stops at the limit. An
        // announced length is read straight into an array of that size; otherwise through a pooled chunk. (A fresh 80 KB
        // chunk per call was a quarter of all the worker allocated per step.)
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = announced is { } length ? new MemoryStream((int)length) : new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    response.Dispose();
                    throw ResponseTooLargeException.For(null, limit);
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var bounded = new ByteArrayContent(buffer.GetBuffer(), 0, (int)buffer.Length);
        foreach (var header in response.Content.Headers) bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
        response.Content = bounded;
        return response;
    }
}
