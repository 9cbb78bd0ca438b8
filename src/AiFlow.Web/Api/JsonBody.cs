using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Web.Api;

/// <summary>Reads a JSON request body with a size limit: too big is 413, not JSON is 400 with the line and position.</summary>
public static class JsonBody
{
    public static async Task<(JsonNode? Body, IResult? Error)> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return (null, TooLarge(maxBytes));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, TooLarge(maxBytes));
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return (JsonNode.Parse(buffer.ToArray()), null);
        }
        catch (JsonException ex)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not valid JSON.",
                detail: $"Line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message}"));
        }
    }

    /// <summary>As <see cref="ReadAsync"/>, and the body must be a JSON object.</summary>
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, maxBytes, cancellationToken);
        if (error is not null) return (null, error);
        return body is JsonObject o ? (o, null) : (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body must be a JSON object."));
    }

    private static IResult TooLarge(int maxBytes) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The body is too large.", detail: $"The limit is {maxBytes} bytes.");
}
