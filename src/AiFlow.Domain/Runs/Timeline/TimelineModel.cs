namespace AiFlow.Domain.Runs.Timeline;

/// <summary>The laid-out timeline: bars and waits grouped by lane, on an axis from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed record TimelineModel(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<TimelineLane> Lanes)
{
    public static readonly TimelineModel Empty = new(DateTimeOffset.MinValue, DateTimeOffset.MinValue, []);

    public IEnumerable<TimelineBar> Bars => Lanes.SelectMany(l => l.Bars);

    public IEnumerable<TimelineWait> Waits => Lanes.SelectMany(l => l.Waits);
}
