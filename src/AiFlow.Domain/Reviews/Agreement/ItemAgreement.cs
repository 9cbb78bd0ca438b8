namespace AiFlow.Domain.Reviews.Agreement;

/// <summary>Agreement on one item: the share of reviewers who chose the most common verdict (1 for a single reviewer).</summary>
public static class ItemAgreement
{
    public static double ModalShare(IReadOnlyList<string> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        if (verdicts.Count == 0) return 1;
        var modal = verdicts.GroupBy(v => v, StringComparer.Ordinal).Max(g => g.Count());
        return (double)modal / verdicts.Count;
    }

    /// <summary>
    /// The category a decision counts as: its decision, its sorted labels and, for a correction, the corrected IR,
    /// so two reviewers agree only when they would teach the model the same thing.
    /// </summary>
    public static string Verdict(ReviewDecision decision, IEnumerable<string> labels, string? canonicalCorrection) =>
        decision + "|" + string.Join(",", labels.Order(StringComparer.Ordinal)) + (decision == ReviewDecision.Correct ? "|" + canonicalCorrection : "");
}
