namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// The one door to GPU inference endpoints: routes a call along its fallback chain with per-endpoint resilience,
/// records every attempt as an <c>ai_request_logs</c> row, and never throws for endpoint failures (they are results).
/// </summary>
public interface IInferenceGateway
{
    Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken);
}
