using AiFlow.Infrastructure.Inference.Gateway;

namespace AiFlow.Tests.E2E.Collections;

/// <summary>The real gateway, which pulls the plug (cancels) when the <paramref name="failOnCall"/>-th embedding call starts: a crash mid-job.</summary>
public sealed class InterruptingGateway(IInferenceGateway inner, CancellationTokenSource plug, int failOnCall) : IInferenceGateway
{
    private int calls;

    public int Calls => calls;

    public Task<StructuredCallResult> CallStructuredAsync(StructuredCallRequest request, CancellationToken cancellationToken) =>
        inner.CallStructuredAsync(request, cancellationToken);

    public Task<EmbeddingResult> EmbedAsync(EmbeddingRequest request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref calls) == failOnCall)
        {
            plug.Cancel();
            cancellationToken.ThrowIfCancellationRequested();
        }
        return inner.EmbedAsync(request, cancellationToken);
    }
}
