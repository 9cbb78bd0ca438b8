using System.ComponentModel.DataAnnotations;

namespace AiFlow.Web.Security;

/// <summary>Bound from <c>AiFlow:RateLimits</c>: how fast one IP may try to sign in and one key or user may call <c>/api</c>.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "AiFlow:RateLimits";

    /// <summary>Sign-in attempts per client IP per minute (a fixed window).</summary>
    [Range(1, 1_000_000)]
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Requests one API key or signed-in user may send at once to <c>/api</c> (the token bucket's size).</summary>
    [Range(1, 1_000_000)]
    public int ApiBurst { get; set; } = 100;

    /// <summary>Requests per second one key or user may keep up on <c>/api</c> (the bucket's refill).</summary>
    [Range(1, 1_000_000)]
    public int ApiPerSecond { get; set; } = 20;

    /// <summary>Costly calls (start, replay or retry a run, start an evaluation, preview a prompt) one key or user may send at once.</summary>
    [Range(1, 1_000_000)]
    public int CostlyBurst { get; set; } = 10;

    /// <summary>Costly calls per minute one key or user may keep up, on top of the <c>/api</c> limit.</summary>
    [Range(1, 60_000_000)]
    public int CostlyPerMinute { get; set; } = 30;
}
