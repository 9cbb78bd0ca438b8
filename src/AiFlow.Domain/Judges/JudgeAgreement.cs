using AiFlow.Domain.Reviews.Agreement;

namespace AiFlow.Domain.Judges;

/// <summary>
/// How far a judge version agrees with people on the items both judged. A category judge: Cohen's kappa between its
/// category and the person's, κ = (pₒ − pₑ) ÷ (1 − pₑ). A rating judge: Spearman's ρ between its score and the person's
/// rating. Items the person did not rate or label in the judge's terms are left out. An item counts as a disagreement
/// when the categories differ, or when score and rating (both scaled to 0..1) are more than <see cref="RatingTolerance"/> apart.
/// </summary>
public static class JudgeAgreement
{
    public const string Kappa = "Cohen's kappa";
    public const string Spearman = "Spearman's rho";
    public const double RatingTolerance = 0.25;

    public static JudgeAgreementResult Compute(JudgeKind kind, IReadOnlyList<JudgeItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (kind == JudgeKind.Category)
        {
            var labelled = items.Where(i => i.JudgeCategory is not null && i.HumanCategory is not null).ToList();
            return new JudgeAgreementResult(Kappa, CohensKappa.Compute([.. labelled.Select(i => (i.JudgeCategory!, i.HumanCategory!))]), labelled.Count,
                [.. labelled.Where(i => !string.Equals(i.JudgeCategory, i.HumanCategory, StringComparison.Ordinal)).Select(i => i.ItemId)]);
        }
        var rated = items.Where(i => i.HumanScore is not null).ToList();
        return new JudgeAgreementResult(Spearman, SpearmanCorrelation.Compute([.. rated.Select(i => (i.JudgeScore, i.HumanScore!.Value))]), rated.Count,
            [.. rated.Where(i => Math.Abs(i.JudgeScore - i.HumanScore!.Value) > RatingTolerance).Select(i => i.ItemId)]);
    }

    /// <summary><paramref name="value"/> scaled from <paramref name="min"/>..<paramref name="max"/> to 0..1.</summary>
    public static double Scaled(double value, double min, double max) => max > min ? Math.Clamp((value - min) / (max - min), 0, 1) : 0;
}
