namespace AiFlow.Domain.Runs.Timeline;

/// <summary>
/// Lays step attempts out as a Gantt chart. Lanes are assigned greedily: attempts sorted by start go to the lowest lane
/// whose last attempt has ended, so parallel work stacks and sequential work shares a row. Retries are bars of their
/// own; the gap between two attempts of a node is a wait.
/// </summary>
public static class TimelineLayout
{
    public static TimelineModel Layout(IEnumerable<TimelineItem> items, DateTimeOffset now)
    {
        var ordered = items.OrderBy(i => i.Start).ThenBy(i => i.NodeKey, StringComparer.Ordinal).ThenBy(i => i.Attempt).ToList();
        if (ordered.Count == 0) return TimelineModel.Empty;

        var start = ordered[0].Start;
        var end = ordered.Max(i => EndOf(i, now));
        var span = Math.Max((end - start).TotalMilliseconds, 1);
        double Fraction(DateTimeOffset at) => (at - start).TotalMilliseconds / span;

        var laneEnds = new List<DateTimeOffset>();
        var lanes = new List<(List<TimelineBar> Bars, List<TimelineWait> Waits)>();
        var lastAttempt = new Dictionary<string, TimelineBar>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            var itemEnd = EndOf(item, now);
            var previous = item.Attempt > 0 ? lastAttempt.GetValueOrDefault(item.NodeKey) : null;
            var waitFrom = previous is not null && previous.End < item.Start ? previous.End : (DateTimeOffset?)null;
            // A retry keeps its wait on the same row, so the lane must be free from the end of the failed attempt.
            var lane = laneEnds.FindIndex(e => e <= (waitFrom ?? item.Start));
            if (lane < 0)
            {
                lane = laneEnds.Count;
                laneEnds.Add(itemEnd);
                lanes.Add(([], []));
            }
            else
            {
                laneEnds[lane] = itemEnd;
            }

            var bar = new TimelineBar(item, lane, Fraction(item.Start), Fraction(itemEnd) - Fraction(item.Start), itemEnd);
            lanes[lane].Bars.Add(bar);
            if (waitFrom is { } from)
            {
                lanes[lane].Waits.Add(new TimelineWait(item.NodeKey, item.Attempt, lane, Fraction(from), Fraction(item.Start) - Fraction(from), item.Start - from));
            }
            if (item.Attempt > 0) lastAttempt[item.NodeKey] = bar;
        }
        return new TimelineModel(start, end, [.. lanes.Select((l, i) => new TimelineLane(i, l.Bars, l.Waits))]);
    }

    private static DateTimeOffset EndOf(TimelineItem item, DateTimeOffset now) =>
        item.End is { } end ? (end < item.Start ? item.Start : end) : (now < item.Start ? item.Start : now);
}
