using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

internal static class IdempotencyKey
{
    public static string? From(HttpRequest request)
    {
        foreach (var name in (string[])["Idempotency-Key", "x-idempotency-key"])
        {
            if (request.Headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                return value.ToString();
            }
        }

        return null;
    }
}
