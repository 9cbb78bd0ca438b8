using System.Collections.Concurrent;

namespace AiFlow.Web.Features.Review;

/// <summary>
/// How many review panels of this console show an item to a reviewer. A panel that closes releases the reviewer's claim
/// only when it was the last one: a reload opens the new circuit's panel before the old circuit is disposed, and the old
/// one must not take the claim away from the new.
/// </summary>
public sealed class ReviewPresence
{
    private readonly ConcurrentDictionary<(string Reviewer, Guid Item), int> open = new();

    public void Enter(string reviewer, Guid item) => open.AddOrUpdate((reviewer, item), 1, (_, n) => n + 1);

    /// <summary>True when no other panel shows the item to the reviewer any more.</summary>
    public bool Leave(string reviewer, Guid item)
    {
        var key = (reviewer, item);
        while (open.TryGetValue(key, out var n))
        {
            if (n <= 1)
            {
                if (open.TryRemove(KeyValuePair.Create(key, n))) return true;
            }
            else if (open.TryUpdate(key, n - 1, n))
            {
                return false;
            }
        }
        return true;
    }
}
