namespace AiFlow.Domain.Retrieval.Search;

/// <summary>
/// Keeps the best hits whose texts fit a prompt's context budget together. It stops at the first hit that does not fit
/// rather than skipping it for a smaller one further down: the order is the ranking, and a later, worse hit must not
/// take the place of a better one only because it is short.
/// </summary>
public static class ContextTokenBudget
{
    /// <param name="budget">The most tokens the kept hits may hold together; everything is kept when null.</param>
    public static IReadOnlyList<T> Fit<T>(IReadOnlyList<T> ranked, Func<T, int> tokensOf, int? budget)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(tokensOf);
        if (budget is not { } limit) return ranked;
        var kept = new List<T>();
        var used = 0L;
        foreach (var item in ranked)
        {
            used += tokensOf(item);
            if (used > limit) break;
            kept.Add(item);
        }
        return kept;
    }

    /// <summary>Words (runs of non-space characters): the count used when no tokenizer is registered.</summary>
    public static int Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord) words++;
            inWord = !space;
        }
        return words;
    }
}
