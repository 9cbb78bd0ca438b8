using System.Text.Json;
using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>A chat call that asks for JSON conforming to <see cref="Schema"/> (response_format json_schema).</summary>
public sealed record StructuredCallRequest
{
    /// <summary>The route whose chain is tried (by its strategy); null picks the route for <see cref="TaskType"/>.</summary>
    public Guid? RouteId { get; init; }
    public string TaskType { get; init; } = "structured";
    public string SystemPrompt { get; init; } = "";
    public required string UserPrompt { get; init; }
    public JsonElement? Schema { get; init; }
    public string SchemaName { get; init; } = "ir";
    /// <summary>When set, output it rejects makes the route fall through to the next endpoint (IR validation under enforce).</summary>
    public Func<string, string?>? RejectOutput { get; init; }
    /// <summary>Image parts after the text; each goes by URL to an endpoint that fetches media, inline to the others.</summary>
    public IReadOnlyList<CallImage> Images { get; init; } = [];
    public int? MaxTokens { get; init; }
    public double? Temperature { get; init; }
    public Guid? StepRunId { get; init; }
    public int Attempt { get; init; } = 1;
    /// <summary>Sent to the endpoint as a header, so a retried call after a crash is recognisable.</summary>
    public required string IdempotencyKey { get; init; }
    public Guid? PromptTemplateVersionId { get; init; }
    public string? PromptVariant { get; init; }
    public TimeSpan? Timeout { get; init; }
    /// <summary>Cost-sensitive calls route cost-based (cheapest endpoint first) whatever the route's own strategy.</summary>
    public bool CostSensitive { get; init; }
    /// <summary>High may use endpoints tagged premium and is served first from a saturated pool; low waits behind the rest.</summary>
    public CallImportance Importance { get; init; }
}
