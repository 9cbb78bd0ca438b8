using System.Globalization;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Runs.Linking;

/// <summary>
/// Where ids are in an IR: names joined by dots, <c>[n]</c> for one array element and <c>[*]</c> for every element
/// (<c>ticket_id</c>, <c>result.ids[0]</c>, <c>chunks[*].id</c>). Deliberately far smaller than JSONPath: output links
/// only need to reach values, and an author should be able to read a path at a glance.
/// </summary>
public sealed class IdPath
{
    private const int Every = -1;

    // A name, or (Name null) an array index, Every for [*].
    private readonly record struct Segment(string? Name, int Index);

    private readonly Segment[] segments;

    private IdPath(string text, Segment[] segments)
    {
        Text = text;
        this.segments = segments;
    }

    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong and where (1-based).</summary>
    public static bool TryParse(string text, out IdPath? path, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        path = null;
        problem = Problem(text, out var segments);
        if (problem is not null) return false;
        path = new IdPath(text, segments);
        return true;
    }

    private static string? Problem(string text, out Segment[] parsed)
    {
        parsed = [];
        if (text.Length == 0) return "is empty";
        var space = text.IndexOfAny([' ', '\t', '\r', '\n']);
        if (space >= 0) return $"has a space at position {space + 1}";
        var segments = new List<Segment>();
        var i = 0;
        var afterDot = false;
        while (true)
        {
            if (!afterDot && text[i] == '[')
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0) return $"has an unclosed '[' at position {i + 1}";
                var inner = text[(i + 1)..close];
                if (inner == "*") segments.Add(new Segment(null, Every));
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) segments.Add(new Segment(null, index));
                else return $"has '[{inner}]' at position {i + 1}; use [*] for every element or a whole number like [0]";
                i = close + 1;
                if (i < text.Length && text[i] is not ('.' or '[' or ']')) return $"needs a '.' before the name at position {i + 1}";
            }
            else
            {
                var start = i;
                while (i < text.Length && text[i] is not ('.' or '[' or ']')) i++;
                if (i == start) return start == text.Length ? "ends with '.'" : $"has an empty name at position {start + 1}";
                segments.Add(new Segment(text[start..i], 0));
            }
            afterDot = false;
            if (i == text.Length) break;
            if (text[i] == ']') return $"has a ']' without '[' at position {i + 1}";
            if (text[i] == '.')
            {
                i++;
                afterDot = true;
                if (i == text.Length) return "ends with '.'";
            }
        }
        parsed = [.. segments];
        return null;
    }

    /// <summary>The values the path reaches in <paramref name="root"/>, in document order; a step that is not there reaches nothing.</summary>
    public IReadOnlyList<JsonNode?> Select(JsonNode? root)
    {
        List<JsonNode?> current = [root];
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
            {
                if (segment.Name is { } name)
                {
                    if (node is JsonObject o && o.TryGetPropertyValue(name, out var child)) next.Add(child);
                }
                else if (node is JsonArray a)
                {
                    if (segment.Index == Every) next.AddRange(a);
                    else if (segment.Index < a.Count) next.Add(a[segment.Index]);
                }
            }
            if (next.Count == 0) return [];
            current = next;
        }
        return current;
    }

    public override string ToString() => Text;
}
