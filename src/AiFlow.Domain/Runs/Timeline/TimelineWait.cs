namespace AiFlow.Domain.Runs.Timeline;

/// <summary>The back-off between two attempts of one node, drawn on the lane of the later attempt.</summary>
public sealed record TimelineWait(string NodeKey, int BeforeAttempt, int Lane, double Left, double Width, TimeSpan Duration);
