namespace AiFlow.Web.Features.Review;

/// <summary>Per circuit: the items this reviewer opened (for ←/→) and the ones they skipped (not handed straight back).</summary>
public sealed class ReviewSession
{
    public List<Guid> History { get; } = [];
    public HashSet<Guid> Skipped { get; } = [];

    public void Visit(Guid itemId)
    {
        if (!History.Contains(itemId)) History.Add(itemId);
    }

    public Guid? Before(Guid itemId) => History.IndexOf(itemId) is > 0 and var i ? History[i - 1] : null;

    public Guid? After(Guid itemId) => History.IndexOf(itemId) is >= 0 and var i && i < History.Count - 1 ? History[i + 1] : null;
}
