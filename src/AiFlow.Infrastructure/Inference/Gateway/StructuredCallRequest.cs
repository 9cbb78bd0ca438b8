using System.Text.Json;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>A chat call that asks for JSON conforming to <see cref="Schema"/> (response_format json_schema).</summary>
public sealed record StructuredCallRequest
{
    /// <summary>The route whose fallback chain is tried in order; null picks the route for <see cref="TaskType"/>.</summary>
    public Guid? RouteId { get; init; }
    public string TaskType { get; init; } = "structured";
    public string SystemPrompt { get; init; } = "";
    public required string UserPrompt { get; init; }
    public JsonElement? Schema { get; init; }
    public string SchemaName { get; init; } = "ir";
    /// <summary>When set, output it rejects makes the route fall through to the next endpoint (IR validation under enforce).</summary>
    public Func<string, string?>? RejectOutput { get; init; }
    public IReadOnlyList<string> ImageUrls { get; init; } = [];
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public Guid? StepRunId { get; init; }
    public int Attempt { get; init; } = 1;
    /// <summary>Sent to the endpoint as a header, so a retried call after a crash is recognisable.</summary>
    public required string IdempotencyKey { get; init; }
    public Guid? PromptTemplateVersionId { get; init; }
    public string? PromptVariant { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Cost-sensitive calls try the route's endpoints cheapest first instead of in chain order.</summary>
    public bool PreferCheapest { get; init; }
}
