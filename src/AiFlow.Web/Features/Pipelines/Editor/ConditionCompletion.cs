using AiFlow.Infrastructure.Pipelines.Conditions;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// Completes the path being typed at the end of a condition: <c>input.&lt;field&gt;</c> from the pipeline's input schema,
/// <c>ir.&lt;node&gt;.&lt;field&gt;</c> from each upstream node's IR schema and <c>metrics.&lt;node&gt;.&lt;metric&gt;</c> from its
/// metric profile. Only what the condition may name (the nodes upstream) is offered.
/// </summary>
public static class ConditionCompletion
{
    public const int Max = 12;

    /// <summary>The completions of the path at the end of <paramref name="text"/>; none when it does not end in a path.</summary>
    public static IReadOnlyList<string> Suggest(string? text, ConditionScope scope, IReadOnlyList<string> inputFields,
        IReadOnlyDictionary<string, IReadOnlyList<string>> irFieldsByNode)
    {
        var token = TrailingPath(text);
        if (token.Length == 0) return [];
        return Candidates(scope, inputFields, irFieldsByNode)
            .Where(c => c.StartsWith(token, StringComparison.Ordinal) && c != token)
            .Take(Max)
            .ToList();
    }

    /// <summary>Replaces the path at the end of <paramref name="text"/> with <paramref name="completion"/>.</summary>
    public static string Apply(string? text, string completion)
    {
        text ??= "";
        return text[..^TrailingPath(text).Length] + completion;
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

    private static string TrailingPath(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var start = text.Length;
        while (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] is '_' or '.' or '-')) start--;
        return text[start..];
    }
}
