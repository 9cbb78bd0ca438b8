namespace AiFlow.Domain.Runs.Timeline;

/// <summary>One step attempt as the timeline sees it; an open attempt has no <see cref="End"/> yet.</summary>
public sealed record TimelineItem(Guid Id, string NodeKey, int Attempt, StepRunStatus Status, DateTimeOffset Start, DateTimeOffset? End);
