namespace AiFlow.Domain.Metrics.Functions;

/// <summary>Edit distance (insertions, deletions, substitutions of UTF-16 units) by the two-row dynamic programme.</summary>
internal static class Levenshtein
{
    /// <summary>O(|a|·|b|) time and O(min(|a|, |b|)) memory: only the previous and current rows are kept.</summary>
    public static int Distance(string a, string b)
    {
        // The shorter string indexes the rows, so memory follows the shorter one.
        if (a.Length < b.Length) (a, b) = (b, a);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
