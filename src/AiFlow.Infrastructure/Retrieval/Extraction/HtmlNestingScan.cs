using System.Text;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Estimates how deep an HTML page nests elements with one linear pass over its bytes, before any parser sees it.
/// HTML tree builders (AngleSharp's included) search the stack of open elements on many start tags, so a page of
/// millions of unclosed divs costs quadratic time even when the tree's depth is capped; this scan lets such a page be
/// refused in milliseconds. It counts start tags minus end tags, leaving out void elements, self-closing tags and
/// elements whose end tag HTML lets authors omit (p, li, td…), and skips comments, scripts and styles.
/// </summary>
public static class HtmlNestingScan
{
    private static readonly HashSet<string> Uncounted =
    [
        // void elements
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        // elements whose end tag may be omitted
        "html", "head", "body", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption",
        "option", "optgroup", "rb", "rt", "rtc", "rp",
    ];

    /// <summary>True when the page nests deeper than <paramref name="limit"/>; stops reading as soon as it does.</summary>
    public static bool IsDeeperThan(ReadOnlySpan<byte> html, int limit)
    {
        var depth = 0;
        var i = 0;
        while (i < html.Length)
        {
            var open = html[i..].IndexOf((byte)'<');
            if (open < 0)
            {
                break;
            }

            i += open;
            var rest = html[i..];
            if (rest.StartsWith("<!--"u8))
            {
                i = SkipPast(html, i + 4, "-->"u8);
                continue;
            }

            var closing = rest.Length > 1 && rest[1] == (byte)'/';
            var nameStart = i + (closing ? 2 : 1);
            var nameEnd = nameStart;
            while (nameEnd < html.Length && IsNameByte(html[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == nameStart || !char.IsAsciiLetter((char)html[nameStart]))
            {
                i++;
                continue;
            }

            var name = Encoding.ASCII.GetString(html[nameStart..nameEnd]).ToLowerInvariant();
            var tagEnd = SkipPast(html, nameEnd, ">"u8);
            var selfClosing = tagEnd - 2 >= nameEnd && html[tagEnd - 2] == (byte)'/';
            i = tagEnd;

            if (!closing && name is "script" or "style" or "textarea" or "title")
            {
                // Raw text: nothing inside is markup, whatever it looks like.
                i = SkipPast(html, i, Encoding.ASCII.GetBytes("</" + name));
                continue;
            }

            if (Uncounted.Contains(name) || selfClosing)
            {
                continue;
            }

            depth = closing ? Math.Max(0, depth - 1) : depth + 1;
            if (depth > limit)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNameByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)':' or (byte)'_';

    /// <summary>The index just past the next <paramref name="marker"/> at or after <paramref name="from"/>, or the end.</summary>
    private static int SkipPast(ReadOnlySpan<byte> html, int from, ReadOnlySpan<byte> marker)
    {
        if (from >= html.Length)
        {
            return html.Length;
        }

        var at = html[from..].IndexOf(marker);
        return at < 0 ? html.Length : from + at + marker.Length;
    }
}
