namespace AiFlow.Domain.Runs.Scheduling;

/// <summary>Exponential backoff with jitter: attempt n waits between half and all of base·2^(n-1), capped.</summary>
public sealed record RetryBackoff(TimeSpan Base, TimeSpan Cap)
{
    public static readonly RetryBackoff Default = new(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));

    /// <param name="failedAttempt">The attempt that just failed (1-based).</param>
    /// <param name="jitter">A value in [0, 1); random in production, fixed in tests.</param>
    public TimeSpan DelayAfter(int failedAttempt, double jitter)
    {
        var exponent = Math.Min(failedAttempt - 1, 20);
        var full = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, exponent));
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * jitter)));
    }
}
