using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>What every kind of call books on its ai_request_logs rows; <paramref name="AwaitBooking"/> waits for them whatever the default;
/// <paramref name="Importance"/> orders the call in a saturated pool's queue and opens premium endpoints; <paramref name="AttemptNote"/> adds a line
/// to the logged prompt saying what this attempt's endpoint was sent (images by URL or inline).</summary>
internal sealed record CallInfo(
    string TaskType,
    string Prompt,
    string IdempotencyKey,
    Guid? StepRunId,
    int Attempt,
    TimeSpan? Timeout,
    Guid? PromptTemplateVersionId = null,
    string? PromptVariant = null,
    bool AwaitBooking = false,
    CallImportance Importance = CallImportance.Normal,
    Func<InferenceEndpoint, string?>? AttemptNote = null);
