using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Tests.Infrastructure.Inference.Simulator;

// Raw HTTP helpers: the tests talk to the simulator exactly as a remote endpoint would be talked to.
internal static class SimulatorHttp
{
    public static readonly JsonElement InvoiceSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["vendor", "total", "currency", "lineCount", "category", "urgent"],
          "properties": {
            "vendor": { "type": "string", "minLength": 2, "maxLength": 40 },
            "total": { "type": "number", "minimum": 0 },
            "currency": { "type": "string", "enum": ["EUR", "USD", "GBP"] },
            "lineCount": { "type": "integer", "minimum": 1, "maximum": 50 },
            "category": { "type": "string", "enum": ["hardware", "software", "travel", "office supplies"] },
            "urgent": { "type": "boolean" },
            "dueDate": { "type": "string", "format": "date" },
            "notes": { "type": "array", "minItems": 1, "maxItems": 2, "items": { "type": "string" } }
          }
        }
        """).RootElement.Clone();

    public static async Task<HttpResponseMessage> PostJsonAsync(
        HttpClient client, string url, JsonObject body, IDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request, ct);
    }

    public static JsonObject Chat(string userText, JsonElement? schema = null, string model = "sim-chat")
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "Extract the fields. Categories: hardware, software, travel." },
                new JsonObject { ["role"] = "user", ["content"] = userText }),
        };
        if (schema is { } s)
        {
            body["response_format"] = new JsonObject
            {
                ["type"] = "json_schema",
                ["json_schema"] = new JsonObject { ["name"] = "result", ["strict"] = true, ["schema"] = JsonNode.Parse(s.GetRawText()) },
            };
        }

        return body;
    }

    public static async Task<JsonObject> ReadObjectAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    public static async Task<string> ContentOfAsync(HttpResponseMessage response)
    {
        var body = await ReadObjectAsync(response);
        return body["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }

    public static async Task<JsonObject> StructuredAsync(HttpClient client, string baseUrl, string userText, JsonElement schema)
    {
        using var response = await PostJsonAsync(client, baseUrl + "/chat/completions", Chat(userText, schema));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await ContentOfAsync(response))!.AsObject();
    }

    public static MultipartFormDataContent Audio(string fileName, byte[] bytes, string model = "sim-whisper")
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return new MultipartFormDataContent { { file, "file", fileName }, { new StringContent(model), "model" } };
    }
}
