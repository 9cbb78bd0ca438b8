using System.Collections.Concurrent;

namespace AiFlow.Infrastructure.Runs.Execution;

/// <summary>
/// Fans run progress out to Blazor circuits. Fed by PostgreSQL LISTEN/NOTIFY, so a run executing on any node of the
/// cluster is watched live on every console node. Subscriptions are keyed by run (or all runs) and disposed by components.
/// </summary>
public sealed class RunProgressNotifier
{
    private readonly ConcurrentDictionary<Guid, Action<Guid>> subscribers = new();

    public IDisposable Subscribe(Action<Guid> onRunChanged, Guid? runId = null)
    {
        var id = Guid.NewGuid();
        subscribers[id] = changed => { if (runId is null || runId == changed) onRunChanged(changed); };
        return new Subscription(() => subscribers.TryRemove(id, out _));
    }

    public void Publish(Guid runId)
    {
        foreach (var subscriber in subscribers.Values) subscriber(runId);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
