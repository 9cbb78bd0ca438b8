using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AiFlow.Web.Components.Shared;

/// <summary>
/// Just enough Markdown for review guidelines: headings, bullet lists, paragraphs, **bold**, *italic* and `code`.
/// Everything is HTML-encoded first, so guidelines cannot inject markup.
/// </summary>
public static partial class SimpleMarkdown
{
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var html = new StringBuilder();
        var inList = false;
        foreach (var raw in markdown.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            var bullet = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal);
            if (inList && !bullet)
            {
                html.Append("</ul>");
                inList = false;
            }
            if (bullet)
            {
                if (!inList) html.Append("<ul>");
                inList = true;
                html.Append("<li>").Append(Inline(line[2..])).Append("</li>");
            }
            else if (Heading().Match(line) is { Success: true } h)
            {
                var level = Math.Min(6, h.Groups[1].Length + 3);
                html.Append($"<h{level}>").Append(Inline(h.Groups[2].Value)).Append($"</h{level}>");
            }
            else if (line.Length > 0)
            {
                html.Append("<p>").Append(Inline(line)).Append("</p>");
            }
        }
        if (inList) html.Append("</ul>");
        return html.ToString();
    }

    private static string Inline(string text)
    {
        var encoded = WebUtility.HtmlEncode(text);
        encoded = Code().Replace(encoded, "<code>$1</code>");
        encoded = Bold().Replace(encoded, "<strong>$1</strong>");
        return Italic().Replace(encoded, "<em>$1</em>");
    }

    [GeneratedRegex(@"^(#{1,3})\s+(.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"\*([^*]+)\*")]
    private static partial Regex Italic();
}
