namespace AiFlow.Domain.Runs.Timeline;

/// <summary>One row of the timeline: attempts that never overlap in time.</summary>
public sealed record TimelineLane(int Index, IReadOnlyList<TimelineBar> Bars, IReadOnlyList<TimelineWait> Waits);
