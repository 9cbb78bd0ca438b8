namespace AiFlow.Domain.Reviews.Agreement;

/// <summary>
/// Spearman's rank correlation: Pearson's correlation of the ranks, tied values sharing the average of their ranks,
/// ρ = Σ(rx − r̄x)(ry − r̄y) ÷ √(Σ(rx − r̄x)² · Σ(ry − r̄y)²). With ties the shortcut 1 − 6Σd² ÷ (n(n² − 1)) is off, so it
/// is not used.
/// </summary>
public static class SpearmanCorrelation
{
    /// <summary>Null for fewer than two pairs, or when either side is constant (a correlation needs variation).</summary>
    public static double? Compute(IReadOnlyList<(double X, double Y)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count < 2) return null;
        var x = Ranks([.. pairs.Select(p => p.X)]);
        var y = Ranks([.. pairs.Select(p => p.Y)]);
        var mean = (pairs.Count + 1) / 2.0;
        double covariance = 0, varianceX = 0, varianceY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - mean) * (y[i] - mean);
            varianceX += (x[i] - mean) * (x[i] - mean);
            varianceY += (y[i] - mean) * (y[i] - mean);
        }
        if (varianceX == 0 || varianceY == 0) return null;
        return covariance / Math.Sqrt(varianceX * varianceY);
    }

    /// <summary>1-based ranks; a run of equal values gets the mean of the ranks it spans.</summary>
    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            var average = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++) ranks[order[k]] = average;
            start = end + 1;
        }
        return ranks;
    }
}
