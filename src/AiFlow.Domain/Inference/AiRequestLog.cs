namespace AiFlow.Domain.Inference;

/// <summary>One call to an endpoint, with tokens, cost and outcome (seed 004's ai_request_logs).</summary>
public class AiRequestLog
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? EndpointId { get; set; }
    public string EndpointName { get; set; } = "";
    public string Model { get; set; } = "";
    public string TaskType { get; set; } = "";
    public Guid? PromptTemplateVersionId { get; set; }
    public string? PromptVariant { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public decimal CostUsd { get; set; }
    public int LatencyMs { get; set; }
    public string Status { get; set; } = "";
    public string? Error { get; set; }
    public string? PromptHash { get; set; }
    public string? RedactedPrompt { get; set; }
    public Guid? StepRunId { get; set; }
    public int Attempt { get; set; }
    public string? IdempotencyKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
