using System.Collections.Concurrent;
using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway;

/// <summary>
/// While a scope is open on the current async flow, the gateway hands the <c>ai_request_logs</c> rows it books to the
/// scope instead of writing them, and the scope's owner commits them in a transaction of its own: the pipeline engine
/// commits them with the step that made the calls, so a step pays no separate accounting commit. Endpoint health is
/// written as usual. Flows like <see cref="GatewayCallContext"/>: open it in the method whose calls it should cover.
/// </summary>
public sealed class DeferredAccounting : IDisposable
{
    private static readonly AsyncLocal<DeferredAccounting?> CurrentValue = new();
    private readonly DeferredAccounting? previous;
    private readonly ConcurrentQueue<AiRequestLog> rows = new();

    private DeferredAccounting(DeferredAccounting? previous) => this.previous = previous;

    internal static DeferredAccounting? Current => CurrentValue.Value;

    /// <summary>The rows booked so far, in booking order.</summary>
    public IReadOnlyList<AiRequestLog> Rows => [.. rows];

    public static DeferredAccounting Begin() => CurrentValue.Value = new DeferredAccounting(CurrentValue.Value);

    internal void Add(AiRequestLog row) => rows.Enqueue(row);

    public void Dispose() => CurrentValue.Value = previous;

    /// <summary>Writes rows whose owner could not commit them (its step threw, or its commit was refused).</summary>
    public static Task WriteOnTheirOwnAsync(IInferenceAccounting accounting, IReadOnlyList<AiRequestLog> rows)
    {
        ArgumentNullException.ThrowIfNull(accounting);
        ArgumentNullException.ThrowIfNull(rows);
        return Task.WhenAll(rows.Select(row => accounting.WriteAsync(row, CancellationToken.None)));
    }
}
