using System.Globalization;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Metrics;
using AiFlow.Web.Components.Shared;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>How the evaluation pages write metric values, intervals, deltas, cost and the time left.</summary>
public static class EvaluationFormat
{
    /// <summary>
    /// The end of an id, which tells cases apart: ids are UUIDv7, whose leading digits are the time of creation and so are
    /// the same for every example imported together.
    /// </summary>
    public static string ShortId(Guid id) => "…" + id.ToString("N")[^8..];

    public static string Value(double? value) => value is { } v ? Small(v).ToString(Pattern(v), CultureInfo.InvariantCulture) : "—";

    /// <summary>The 95 % interval as <c>[low, high]</c>; empty when there is none (no case had a value).</summary>
    public static string Interval(double? low, double? high) => low is null || high is null ? "" : $"[{Value(low)}, {Value(high)}]";

    public static string Delta(double? delta) =>
        delta is { } d ? Small(d).ToString($"+{Pattern(d)};-{Pattern(d)};0", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// Three decimals, except for values too small to show in three (a case's cost is a few millionths of a dollar, which
    /// "0.###" wrote as 0 next to cases showing $0.000017): those keep three significant digits.
    /// </summary>
    private static string Pattern(double value) =>
        value == 0 || Math.Abs(value) >= 0.001 || !double.IsFinite(value) ? "0.###" : "0." + new string('#', Decimals(value));

    private static double Small(double value) =>
        value == 0 || Math.Abs(value) >= 0.001 || !double.IsFinite(value) ? value : Math.Round(value, Math.Min(15, Decimals(value)));

    private static int Decimals(double value) => 2 - (int)Math.Floor(Math.Log10(Math.Abs(value)));

    /// <summary>
    /// Green when the change is better in the metric's direction, red when worse, plain within the tie tolerance. A case's
    /// delta is already turned so that positive is better: colour it as <see cref="MetricDirection.HigherIsBetter"/>.
    /// </summary>
    public static Color DeltaColor(double? delta, MetricDirection direction)
    {
        if (delta is not { } d || Math.Abs(d) <= EvaluationScoring.TieTolerance) return Color.Default;
        return (d > 0) == (direction == MetricDirection.HigherIsBetter) ? Color.Success : Color.Error;
    }

    /// <summary>
    /// The time the remaining cases should take at the rate so far; null until a case is done (there is no rate yet) and
    /// once every case is.
    /// </summary>
    public static TimeSpan? TimeLeft(DateTimeOffset? startedAt, DateTimeOffset now, int done, int total)
    {
        if (startedAt is not { } start || done <= 0 || done >= total || now <= start) return null;
        var perCase = (now - start).TotalSeconds / done;
        return TimeSpan.FromSeconds(Math.Ceiling(perCase * (total - done)));
    }

    /// <summary>The time left in words; once every case is scored, the evaluation is still computing the aggregates' intervals.</summary>
    public static string TimeLeftText(DateTimeOffset? startedAt, DateTimeOffset now, int done, int total)
    {
        if (total > 0 && done >= total) return "aggregating…";
        return TimeLeft(startedAt, now, done, total) is { } left ? $"about {Display.Duration(now, now + left)} left" : "estimating the time left…";
    }
}
