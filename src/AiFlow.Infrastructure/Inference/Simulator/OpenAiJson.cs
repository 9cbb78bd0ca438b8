using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Response bodies in the standard OpenAI shape, so the official clients parse them unchanged.
internal static class OpenAiJson
{
    // Relaxed escaping: the default escapes '+' in base64 embeddings as \u002B, which the OpenAI .NET client decodes raw and rejects.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IResult Ok(JsonNode body) => Results.Text(body.ToJsonString(Relaxed), "application/json", statusCode: 200);

    public static IResult Error(int status, string message, string type, string? code = null) =>
        Results.Text(
            new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["message"] = message,
                    ["type"] = type,
                    ["param"] = null,
                    ["code"] = code,
                },
            }.ToJsonString(),
            "application/json",
            statusCode: status);

    public static IResult BadRequest(string message) => Error(400, message, "invalid_request_error");

    public static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    public static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();
}
