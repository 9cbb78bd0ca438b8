namespace AiFlow.Domain.Runs.Timeline;

/// <summary>One row of the timeline: attempts that never overlap in time.</summary>
public sealed record TimelineLane(int Index, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineWait> Waits)
{
    /// <summary>The row's name: the nodes whose attempts it holds, in the order they ran (a retried node once).</summary>
    public string Label => string.Join(" → ", Bars.Select(b => b.Item.NodeKey).Distinct(StringComparer.Ordinal));
}
