using System.Text.Json;
using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Tests.Infrastructure.Inference.Gateway;

internal static class GatewayRequests
{
    public static readonly JsonElement InvoiceSchema = JsonDocument.Parse("""
        {
          "type": "object",
          "properties": {
            "vendor": { "type": "string", "minLength": 2, "maxLength": 40 },
            "total": { "type": "number" },
            "currency": { "type": "string", "enum": ["EUR", "USD", "GBP"] }
          },
          "required": ["vendor", "total", "currency"],
          "additionalProperties": false
        }
        """).RootElement.Clone();

    public static StructuredCallRequest Invoice(string taskType, string? prompt = null) => new()
    {
        TaskType = taskType,
        SystemPrompt = "Extract the invoice.",
        UserPrompt = prompt ?? "Invoice from Nordwind Hardware GmbH. Total: 1299.50 EUR.",
        Schema = InvoiceSchema,
        SchemaName = "invoice",
        IdempotencyKey = "key-" + Guid.NewGuid().ToString("N"),
        MaxTokens = 200,
        Temperature = 0.2,
    };
}
