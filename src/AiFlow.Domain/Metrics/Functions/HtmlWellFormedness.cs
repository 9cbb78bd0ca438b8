using System.Collections.Frozen;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// A tag-balance check, not an HTML5 parser: every non-void start tag is closed, innermost first; no end tag closes
/// what was not opened; attribute values are quoted or bare; a quote or a tag that never ends is a problem. Void
/// elements need no end tag and an end tag of one is ignored; <c>&lt;x/&gt;</c> counts as closed; comments, doctypes
/// and processing instructions are skipped; script and style contents are not read as tags. A '&lt;' not followed by a
/// letter, '/', '!' or '?' is text.
/// </summary>
internal static class HtmlWellFormedness
{
    private static readonly FrozenSet<string> VoidElements = FrozenSet.Create(StringComparer.Ordinal,
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr");

    private static readonly FrozenSet<string> RawTextElements = FrozenSet.Create(StringComparer.Ordinal, "script", "style");

    /// <summary>The first problem and the offset (in UTF-16 units) where it starts, or null when the HTML is well formed.</summary>
    public static (string Problem, int Offset)? FirstProblem(string html)
    {
        var open = new Stack<(string Name, int Offset)>();
        var i = 0;
        while ((i = html.IndexOf('<', i)) >= 0)
        {
            var next = i + 1 < html.Length ? html[i + 1] : '\0';
            if (html.AsSpan(i).StartsWith("<!--"))
            {
                var end = html.IndexOf("-->", i + 4, StringComparison.Ordinal);
                if (end < 0) return ("comment is never closed", i);
                i = end + 3;
            }
            else if (next is '!' or '?')
            {
                var end = html.IndexOf('>', i);
                if (end < 0) return ("declaration is never closed", i);
                i = end + 1;
            }
            else if (next == '/')
            {
                var tagStart = i;
                var name = Name(html, i + 2);
                var end = SkipSpace(html, i + 2 + name.Length);
                if (name.Length == 0 || end >= html.Length || html[end] != '>') return ("malformed end tag", i);
                i = end + 1;
                // Generated markup often writes <img ...></img>; an end tag of a void element closes nothing and harms nothing.
                if (VoidElements.Contains(name)) continue;
                if (open.Count == 0) return ($"</{name}> closes nothing", tagStart);
                var (expected, at) = open.Pop();
                if (expected != name) return ($"</{name}> found where <{expected}> opened at offset {at} should close", tagStart);
            }
            else if (char.IsAsciiLetter(next))
            {
                var start = i;
                var name = Name(html, i + 1);
                var (end, selfClosing, problem) = Attributes(html, start, i + 1 + name.Length, name);
                if (problem is not null) return (problem, end);
                i = end;
                if (selfClosing || VoidElements.Contains(name)) continue;
                open.Push((name, start));
                if (RawTextElements.Contains(name))
                {
                    var close = html.IndexOf("</" + name, end, StringComparison.OrdinalIgnoreCase);
                    if (close < 0) break;
                    i = close;
                }
            }
            else i++;
        }
        return open.Count == 0 ? null : ($"<{open.Peek().Name}> opened at offset {open.Peek().Offset} is never closed", open.Peek().Offset);
    }

    /// <summary>A tag name, lower-cased: letters, digits, '-', ':' and '_', so custom elements and prefixes pass.</summary>
    private static string Name(string html, int start)
    {
        var end = start;
        while (end < html.Length && (char.IsAsciiLetterOrDigit(html[end]) || html[end] is '-' or ':' or '_')) end++;
        return html[start..end].ToLowerInvariant();
    }

    /// <summary>
    /// Reads attributes up to the closing '>' and returns the offset after it, or on a problem the offset of the problem.
    /// </summary>
    private static (int End, bool SelfClosing, string? Problem) Attributes(string html, int tagStart, int i, string tag)
    {
        while (true)
        {
            i = SkipSpace(html, i);
            if (i >= html.Length) return (tagStart, false, $"<{tag}> is never closed with '>'");
            if (html[i] == '>') return (i + 1, false, null);
            if (html[i] == '/')
            {
                if (i + 1 < html.Length && html[i + 1] == '>') return (i + 2, true, null);
                i++;
                continue;
            }
            var nameStart = i;
            i = AttributeNameEnd(html, i);
            if (i == nameStart) return (i, false, $"unexpected '{html[i]}' in <{tag}>");
            var attribute = html[nameStart..i];
            i = SkipSpace(html, i);
            if (i >= html.Length || html[i] != '=') continue;
            i = SkipSpace(html, i + 1);
            if (i < html.Length && html[i] is '"' or '\'')
            {
                var close = html.IndexOf(html[i], i + 1);
                if (close < 0) return (i, false, $"the value of {attribute} in <{tag}> has no closing quote");
                i = close + 1;
                continue;
            }
            var valueStart = i;
            while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('>' or '<' or '"' or '\'' or '`' or '=')) i++;
            if (i == valueStart) return (i, false, $"{attribute} in <{tag}> has '=' but no value");
        }
    }

    private static int AttributeNameEnd(string html, int i)
    {
        while (i < html.Length && !char.IsWhiteSpace(html[i]) && html[i] is not ('/' or '>' or '=' or '"' or '\'' or '<')) i++;
        return i;
    }

    private static int SkipSpace(string html, int i)
    {
        while (i < html.Length && char.IsWhiteSpace(html[i])) i++;
        return i;
    }
}
