using System.Text;
using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Reads plain text: paragraphs are separated by blank lines, and a line underlined with === (level 1) or --- (level 2)
/// is a heading, the one structure plain-text manuals commonly share (setext headings).
/// </summary>
public static class PlainTextExtractor
{
    public static ExtractedDocument Extract(string text, CancellationToken cancellationToken)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var blocks = new List<DocumentBlock>();
        var paragraph = new StringBuilder();

        for (var i = 0; i < lines.Length; i++)
        {
            if (i % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var line = lines[i].Trim();
            var underline = i + 1 < lines.Length ? Underline(lines[i + 1]) : 0;
            if (line.Length > 0 && underline > 0)
            {
                Flush();
                blocks.Add(new DocumentBlock(DocumentBlockKind.Heading, line, HeadingLevel: underline));
                i++;
                continue;
            }

            // A blank line ends a paragraph; so does a lone === / --- rule that underlines nothing.
            if (line.Length == 0 || Underline(line) > 0)
            {
                Flush();
                continue;
            }

            if (paragraph.Length > 0)
            {
                paragraph.Append(' ');
            }

            paragraph.Append(line);
        }

        Flush();
        var title = blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
        return new ExtractedDocument(MimeTypes.PlainText, title, 1, null, blocks);

        void Flush()
        {
            if (paragraph.Length > 0)
            {
                blocks.Add(new DocumentBlock(DocumentBlockKind.Paragraph, paragraph.ToString()));
                paragraph.Clear();
            }
        }
    }

    /// <summary>1 for a line of three or more '=', 2 for three or more '-', 0 otherwise.</summary>
    private static int Underline(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length < 3)
        {
            return 0;
        }

        return trimmed.All(c => c == '=') ? 1 : trimmed.All(c => c == '-') ? 2 : 0;
    }
}
