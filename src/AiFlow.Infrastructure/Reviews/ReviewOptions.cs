using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>Bound from <c>AiFlow:Review</c>.</summary>
public sealed class ReviewOptions
{
    public const string Section = "AiFlow:Review";

    /// <summary>Lease used when a step version does not set its own.</summary>
    [Range(1, 24 * 60)]
    public int DefaultLeaseMinutes { get; set; } = 10;

    /// <summary>Items whose reviewers agree less than this (share choosing the majority verdict) go to an Admin.</summary>
    [Range(0.0, 1.0)]
    public double AgreementThreshold { get; set; } = 0.6;

    /// <summary>Share of outputs sent to review that a step's first version starts with (an Admin setting, ADR 0037).</summary>
    [Range(0.0, 1.0)]
    public double DefaultSamplingRate { get; set; }
}
