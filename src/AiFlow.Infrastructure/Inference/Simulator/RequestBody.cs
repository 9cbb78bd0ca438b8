using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// A JSON request body plus a fingerprint of its bytes, which keys fail-first sequences
// for callers that send no idempotency key (a retry resends the same body).
internal sealed record RequestBody(JsonDocument? Json, string Fingerprint)
{
    public static async Task<RequestBody> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var fingerprint = request.Path + "|" + StableHash.Of(text).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
        try
        {
            return new RequestBody(JsonDocument.Parse(text), fingerprint);
        }
        catch (JsonException)
        {
            return new RequestBody(null, fingerprint);
        }
    }
}
