using AiFlow.Infrastructure.Pipelines.Conditions;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// Completes the path being typed at the caret of a condition: <c>input.&lt;field&gt;</c> from the pipeline's input schema,
/// <c>ir.&lt;node&gt;.&lt;field&gt;</c> from each upstream node's IR schema and <c>metrics.&lt;node&gt;.&lt;metric&gt;</c> from its
/// metric profile. Only what the condition may name (the nodes upstream) is offered. The caret may be anywhere in a
/// multi-line condition: the path is what stands before it, and a completion replaces the whole path around it.
/// </summary>
public static class ConditionCompletion
{
    public const int Max = 12;

    /// <summary>The completions of the path ending at <paramref name="caret"/> in <paramref name="text"/>; none when no path ends there.</summary>
    /// <param name="caret">The caret's offset in <paramref name="text"/>; clamped to the text, so a stale caret does no harm.</param>
    public static IReadOnlyList<string> Suggest(string? text, int caret, ConditionScope scope, IReadOnlyList<string> inputFields,
        IReadOnlyDictionary<string, IReadOnlyList<string>> irFieldsByNode)
    {
        text ??= "";
        var (start, at) = PathBefore(text, caret);
        var token = text[start..at];
        if (token.Length == 0) return [];
        var whole = text[start..PathEnd(text, at)];
        return Candidates(scope, inputFields, irFieldsByNode)
            .Where(c => c.StartsWith(token, StringComparison.Ordinal) && c != whole)
            .Take(Max)
            .ToList();
    }

    /// <summary>
    /// Replaces the path around <paramref name="caret"/> (what stands before it and the rest of the same path after it)
    /// with <paramref name="completion"/>; returns the new text and the caret just after the completion.
    /// </summary>
    public static (string Text, int Caret) Apply(string? text, int caret, string completion)
    {
        text ??= "";
        var (start, at) = PathBefore(text, caret);
        var end = PathEnd(text, at);
        return (text[..start] + completion + text[end..], start + completion.Length);
    }

    private static IEnumerable<string> Candidates(ConditionScope scope, IReadOnlyList<string> inputFields, IReadOnlyDictionary<string, IReadOnlyList<string>> irFieldsByNode)
    {
        if (inputFields.Count == 0) yield return "input.";
        foreach (var field in inputFields.Order(StringComparer.Ordinal)) yield return $"input.{field}";
        var nodes = scope.UpstreamNodes.Order(StringComparer.Ordinal).ToList();
        foreach (var node in nodes)
        {
            var fields = irFieldsByNode.TryGetValue(node, out var known) ? known : [];
            if (fields.Count == 0) yield return $"ir.{node}";
            foreach (var field in fields.Order(StringComparer.Ordinal)) yield return $"ir.{node}.{field}";
        }
        foreach (var node in nodes)
        {
            if (!scope.MetricsByNode.TryGetValue(node, out var metrics)) continue;
            foreach (var metric in metrics.Order(StringComparer.Ordinal)) yield return $"metrics.{node}.{metric}";
        }
    }

    private static bool IsPathChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>Where the path ending at the (clamped) caret starts, and the caret itself.</summary>
    private static (int Start, int Caret) PathBefore(string text, int caret)
    {
        var at = Math.Clamp(caret, 0, text.Length);
        var start = at;
        while (start > 0 && IsPathChar(text[start - 1])) start--;
        return (start, at);
    }

    private static int PathEnd(string text, int from)
    {
        var end = from;
        while (end < text.Length && IsPathChar(text[end])) end++;
        return end;
    }
}
