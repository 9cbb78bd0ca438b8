using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Web.Api;

/// <summary>
/// The one way the API reads a JSON request body (ADR 0021). The body must say it is JSON (else 415), fit
/// <c>maxBytes</c> (else 413) and pass <see cref="JsonBodyCheck"/>: valid UTF-8, well-formed, at most 64 deep, no
/// duplicate member, no <c>\u0000</c> or lone surrogate, no number beyond a double (else 400 with the JSON pointer).
/// Typed bodies then bind with <see cref="BindAsync{T}"/>; a body that is arbitrary JSON by nature (a run's input, an
/// IR schema) is read with <see cref="ReadAsync"/>.
/// </summary>
public static class JsonBody
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = JsonBodyCheck.MaxDepth, AllowDuplicateProperties = false };

    /// <summary>The checked body as a typed record; see <see cref="JsonBinding"/> for what a wrong member answers.</summary>
    public static async Task<(T? Body, IResult? Error)> BindAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken) where T : class
    {
        var (bytes, error) = await ReadCheckedAsync(request, maxBytes, cancellationToken);
        return error is not null ? (null, error) : JsonBinding.Bind<T>(bytes!);
    }

    /// <summary>The checked body as any JSON value.</summary>
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, error) = await ReadCheckedAsync(request, maxBytes, cancellationToken);
        return error is not null ? (null, error) : (JsonNode.Parse(bytes!, documentOptions: DocumentOptions), null);
    }

    /// <summary>As <see cref="ReadAsync"/>, and the body must be a JSON object.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, maxBytes, cancellationToken);
        if (error is not null) return (null, error);
        return body is JsonObject o ? (o, null) : (null, JsonBinding.Problem("", "The body must be a JSON object."));
    }

    /// <summary>The checked body as text, for a document its own reader parses (a pipeline file).</summary>
    public static async Task<(string? Json, IResult? Error)> ReadTextAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (bytes, error) = await ReadCheckedAsync(request, maxBytes, cancellationToken);
        return error is not null ? (null, error) : (Encoding.UTF8.GetString(bytes!), null);
    }

    /// <summary>True when the request carries a body at all (a route whose body is optional reads it only then).</summary>
    public static bool HasBody(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
    }

    private static async Task<(byte[]? Bytes, IResult? Error)> ReadCheckedAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (HasBody(request) && !request.HasJsonContentType())
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "The body must be JSON.",
                detail: "Send Content-Type: application/json (UTF-8)."));
        }
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        var bytes = buffer.ToArray();
        // A UTF-8 byte order mark (some clients write one) is not part of the document.
        if (bytes.AsSpan().StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        return JsonBodyCheck.Find(bytes) is { } fault
            ? (null, JsonBinding.Problem(fault.Pointer, fault.Title, fault.Detail))
            : (bytes, null);
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.", detail: $"The limit is {maxBytes} bytes.");
}
