using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>Waiting calls ordered by importance (high first), then by arrival. Not thread-safe: its owner holds a lock.</summary>
public sealed class PriorityWaitQueue<T>
{
    private readonly SortedDictionary<(int Rank, long Arrival), T> waiting = new();
    private long arrivals;

    public int Count => waiting.Count;

    /// <summary>Adds a waiter; the ticket removes it again.</summary>
    public (int Rank, long Arrival) Enqueue(CallImportance importance, T item)
    {
        var ticket = (-ImportanceRank.Of(importance), arrivals++);
        waiting.Add(ticket, item);
        return ticket;
    }

    public bool Remove((int Rank, long Arrival) ticket) => waiting.Remove(ticket);

    /// <summary>The waiters in serving order, without a copy: the caller must not change the queue while walking it.</summary>
    public IEnumerable<KeyValuePair<(int Rank, long Arrival), T>> Walk() => waiting;

    /// <summary>A copy in serving order, so the caller may remove while walking it.</summary>
    public IReadOnlyList<((int Rank, long Arrival) Ticket, T Item)> InOrder() => [.. waiting.Select(w => (w.Key, w.Value))];
}
