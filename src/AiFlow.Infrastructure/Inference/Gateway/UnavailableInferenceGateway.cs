namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>Used only until a real gateway is registered: every call fails with a clear reason, nothing pretends to answer.</summary>
internal sealed class UnavailableInferenceGateway : IInferenceGateway
{
    public Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(new StructuredCallResult { Succeeded = false, Error = "No inference gateway is registered in this process." });
}
