namespace AiFlow.Domain.Reviews.Agreement;

/// <summary>Agreement over a step version's multi-reviewer items: Cohen's kappa for two reviewers, Krippendorff's alpha beyond.</summary>
public static class StepAgreement
{
    public sealed record Result(string Measure, double? Value, int Items);

    public static Result Compute(IReadOnlyList<IReadOnlyList<string>> itemVerdicts)
    {
        ArgumentNullException.ThrowIfNull(itemVerdicts);
        var multi = itemVerdicts.Where(v => v.Count >= 2).ToList();
        if (multi.Count > 0 && multi.All(v => v.Count == 2))
        {
            return new Result("Cohen's kappa", CohensKappa.Compute([.. multi.Select(v => (v[0], v[1]))]), multi.Count);
        }
        return new Result("Krippendorff's alpha", KrippendorffAlpha.Nominal(multi), multi.Count);
    }
}
