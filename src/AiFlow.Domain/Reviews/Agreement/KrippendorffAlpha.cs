namespace AiFlow.Domain.Reviews.Agreement;

/// <summary>
/// Krippendorff's alpha for nominal data, any number of raters, missing values allowed:
/// alpha = 1 - (n - 1) * Do / De over the coincidence matrix; units with fewer than two values are not pairable.
/// </summary>
public static class KrippendorffAlpha
{
    public static double? Nominal(IReadOnlyList<IReadOnlyList<string>> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var pairable = units.Where(u => u.Count >= 2).ToList();
        if (pairable.Count == 0) return null;

        // Coincidences o[c,k]: within a unit of m values, each ordered pair of distinct positions counts 1/(m-1).
        var coincidences = new Dictionary<(string, string), double>();
        foreach (var unit in pairable)
        {
            double weight = 1.0 / (unit.Count - 1);
            for (var i = 0; i < unit.Count; i++)
            {
                for (var j = 0; j < unit.Count; j++)
                {
                    if (i == j) continue;
                    var key = (unit[i], unit[j]);
                    coincidences[key] = coincidences.GetValueOrDefault(key) + weight;
                }
            }
        }
        var marginals = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var ((c, _), value) in coincidences) marginals[c] = marginals.GetValueOrDefault(c) + value;
        var n = marginals.Values.Sum();
        var disagreeObserved = coincidences.Where(o => !string.Equals(o.Key.Item1, o.Key.Item2, StringComparison.Ordinal)).Sum(o => o.Value);
        var disagreeExpected = 0.0;
        foreach (var (c, nc) in marginals)
        {
            foreach (var (k, nk) in marginals)
            {
                if (!string.Equals(c, k, StringComparison.Ordinal)) disagreeExpected += nc * nk;
            }
        }
        if (disagreeExpected == 0) return disagreeObserved == 0 ? 1 : 0;
        return 1 - (n - 1) * disagreeObserved / disagreeExpected;
    }
}
