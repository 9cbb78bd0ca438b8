namespace AiFlow.Domain.Reviews.Agreement;

/// <summary>Cohen's kappa for two raters over nominal categories: (po - pe) / (1 - pe).</summary>
public static class CohensKappa
{
    /// <summary>Null when there is nothing to compare; 1 when both raters agree on one category throughout.</summary>
    public static double? Compute(IReadOnlyList<(string First, string Second)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) return null;
        double n = pairs.Count;
        var observed = pairs.Count(p => string.Equals(p.First, p.Second, StringComparison.Ordinal)) / n;
        var first = pairs.GroupBy(p => p.First, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() / n, StringComparer.Ordinal);
        var second = pairs.GroupBy(p => p.Second, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count() / n, StringComparer.Ordinal);
        var expected = first.Sum(f => f.Value * second.GetValueOrDefault(f.Key));
        if (expected >= 1) return observed >= 1 ? 1 : 0;
        return (observed - expected) / (1 - expected);
    }
}
