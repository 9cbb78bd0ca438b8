namespace AiFlow.Domain.Runs.Timeline;

/// <summary>An attempt placed on a lane; <see cref="Left"/> and <see cref="Width"/> are fractions of the time axis.</summary>
public sealed record TimelineBar(TimelineItem Item, int Lane, double Left, double Width, DateTimeOffset End)
{
    /// <summary>Still running or parked: its end is "now" and moves on.</summary>
    public bool IsOpen => Item.End is null;

    public TimeSpan Duration => End - Item.Start;
}
