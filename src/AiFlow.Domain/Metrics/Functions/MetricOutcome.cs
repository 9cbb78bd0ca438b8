using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// A metric's value for one step output, or why it has none. Not applicable is not a failure: an average over many
/// outputs leaves those out rather than counting them as zero.
/// </summary>
public sealed class MetricOutcome
{
    private MetricOutcome(double? value, string? notApplicableReason, JsonObject? details)
    {
        Value = value;
        NotApplicableReason = notApplicableReason;
        Details = details;
    }

    /// <summary>Null when the metric does not apply to this output; <see cref="NotApplicableReason"/> then says why.</summary>
    public double? Value { get; }

    public string? NotApplicableReason { get; }

    /// <summary>How the value came about, e.g. field F1's per-field breakdown or the first HTML problem and its offset.</summary>
    public JsonObject? Details { get; }

    public static MetricOutcome Of(double value, JsonObject? details = null)
    {
        // A NaN or infinity would poison every average it joins, so it is refused where it is made.
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "A metric value must be a finite number.");
        return new MetricOutcome(value, null, details);
    }

    public static MetricOutcome NotApplicable(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new MetricOutcome(null, reason, null);
    }

    /// <summary>A value of 0 for an output that cannot be measured as asked, with the reason under <c>problem</c>.</summary>
    internal static MetricOutcome Failed(string problem) => Of(0, new JsonObject { ["problem"] = problem });
}
