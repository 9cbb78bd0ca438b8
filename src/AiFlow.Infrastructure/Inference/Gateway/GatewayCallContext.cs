namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// What the HTTP handlers below the OpenAI client need to know about the call in flight: which endpoint's resilience
/// pipeline to use, the idempotency key to send, and the model (for parameter mapping). The OpenAI convenience
/// methods take no per-call headers, so this flows as an async-local from the gateway into its own handlers.
/// </summary>
internal sealed record GatewayCallContext(string PipelineKey, string IdempotencyKey, string Model)
{
    private static readonly AsyncLocal<GatewayCallContext?> CurrentValue = new();

    public static GatewayCallContext? Current => CurrentValue.Value;

    /// <summary>Runs <paramref name="action"/> with this context; the caller's context is restored afterwards.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> action)
    {
        CurrentValue.Value = this;
        return await action();
    }
}
