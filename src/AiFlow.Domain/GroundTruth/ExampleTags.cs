using System.Text.RegularExpressions;

namespace AiFlow.Domain.GroundTruth;

/// <summary>
/// The rules for a ground-truth example's tags (<c>smoke</c>, <c>regression</c>, ...): a letter or digit, then letters,
/// digits, <c>_ . -</c>, at most 40 characters; at most 20 tags, kept once each, sorted, as typed otherwise.
/// </summary>
public static partial class ExampleTags
{
    public const int MaxTags = 20;

    public static bool IsValid(string tag) => Pattern().IsMatch(tag);

    /// <summary>The tags trimmed, de-duplicated and sorted; null with the first problem when one is not a tag.</summary>
    public static List<string>? Normalize(IEnumerable<string?> tags, out string? problem)
    {
        problem = null;
        var kept = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var raw in tags)
        {
            var tag = raw?.Trim() ?? "";
            if (!IsValid(tag))
            {
                problem = $"'{tag}' is not a tag: a letter or digit, then letters, digits, '_', '.', '-', at most 40 characters.";
                return null;
            }
            kept.Add(tag);
        }
        if (kept.Count <= MaxTags) return [.. kept];
        problem = $"An example has at most {MaxTags} tags.";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex Pattern();
}
