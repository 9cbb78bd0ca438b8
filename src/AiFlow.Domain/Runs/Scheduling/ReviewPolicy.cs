using AiFlow.Domain.Reviews;

namespace AiFlow.Domain.Runs.Scheduling;

/// <summary>
/// Why a step's output goes to the review queue: invalid IR, a missed metric target, or sampling; a step that failed
/// without any IR is an error item. The caller raises one item per output carrying all the reasons.
/// </summary>
public static class ReviewPolicy
{
    public static IReadOnlyList<(ReviewReason Reason, string Detail)> Decide(
        bool irValid, IEnumerable<(string Metric, double Value, bool? Passed)> metrics, double samplingRate, Guid stepRunId)
    {
        var reasons = new List<(ReviewReason, string)>();
        if (!irValid) reasons.Add((ReviewReason.InvalidIr, "The IR failed schema validation."));
        foreach (var (metric, value, passed) in metrics)
        {
            if (passed == false) reasons.Add((ReviewReason.MetricBelowTarget, $"{metric} = {value:0.###} missed its target."));
        }
        if (reasons.Count == 0 && samplingRate > 0 && SampleValue(stepRunId) < samplingRate)
        {
            reasons.Add((ReviewReason.Sampling, $"Sampled at rate {samplingRate:0.##}."));
        }
        return reasons;
    }

    /// <summary>A failed step with no output to judge: reviewers see the error and may supply the IR it should have given.</summary>
    public static IReadOnlyList<(ReviewReason Reason, string Detail)> ForFailure(string? error) =>
        [(ReviewReason.StepError, "The step failed: " + (string.IsNullOrWhiteSpace(error) ? "no reason given." : error))];

    /// <summary>A stable value in [0, 1) per step run, so a resumed run samples the same way.</summary>
    public static double SampleValue(Guid stepRunId)
    {
        var bytes = stepRunId.ToByteArray();
        return (BitConverter.ToUInt32(bytes, 12) & 0xFFFFFF) / (double)0x1000000;
    }
}
