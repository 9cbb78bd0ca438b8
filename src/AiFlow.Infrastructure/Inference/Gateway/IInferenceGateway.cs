namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// The one door to GPU inference endpoints: routes a call along its fallback chain with per-endpoint resilience,
/// records every attempt as an <c>ai_request_logs</c> row, and never throws for endpoint failures (they are results).
/// </summary>
public interface IInferenceGateway
{
    Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken);

    /// <summary>Embeds texts in batches along the route's chain. Default: not supported (keeps test doubles compiling).</summary>
    Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This gateway does not embed.");

    /// <summary>Transcribes audio along the route's chain. Default: not supported (keeps test doubles compiling).</summary>
    Task<TranscriptionResult> TranscribeAsync(TranscriptionRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("This gateway does not transcribe.");
}
