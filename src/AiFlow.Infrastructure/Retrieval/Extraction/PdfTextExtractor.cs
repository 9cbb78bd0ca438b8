using System.Text;
using AiFlow.Domain.Retrieval.Extraction;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Reads a PDF's text layer with PdfPig, page by page: words are grouped into lines by baseline, lines into paragraphs
/// by vertical gaps, and a short line set larger than the page's body text is a heading (its level ranks its size among
/// all heading sizes in the document). Encrypted, scanned (no text layer), truncated and damaged files are refused.
/// </summary>
public sealed class PdfTextExtractor(ExtractionLimits limits)
{
    /// <summary>A line this much larger than the page's body text reads as a heading.</summary>
    private const double HeadingRatio = 1.15;
    private const int MaxHeadingWords = 20;
    private const int EndMarkerWindow = 2048;

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        // PdfPig's lenient parser reconstructs a cut file as far as it can, silently dropping what is missing; a file
        // without its end marker was cut off in transit, and the reader should know rather than ingest a part of it.
        var tail = content.Span[Math.Max(0, content.Length - EndMarkerWindow)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            throw new DocumentExtractionException("the PDF is truncated or damaged: it ends without the %%EOF marker; upload the complete file");
        }

        try
        {
            using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (document.IsEncrypted)
            {
                throw Encrypted();
            }

            if (document.NumberOfPages > limits.MaxPages)
            {
                throw new DocumentExtractionException($"the PDF has {document.NumberOfPages} pages, over the limit of {limits.MaxPages}; split it or raise {ExtractionLimits.Section}:MaxPages");
            }

            var lines = new List<PdfLine>();
            for (var number = 1; number <= document.NumberOfPages; number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                lines.AddRange(ReadLines(document.GetPage(number)));
            }

            if (lines.Count == 0)
            {
                throw new DocumentExtractionException("no text layer (scanned?); OCR is not supported");
            }

            var blocks = ToBlocks(WithoutRunningHeadersAndFooters(lines, document.NumberOfPages));
            var title = document.Information.Title;
            title = string.IsNullOrWhiteSpace(title) ? blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text : title.Trim();
            return new ExtractedDocument(MimeTypes.Pdf, title, document.NumberOfPages, null, blocks);
        }
        catch (PdfDocumentEncryptedException)
        {
            throw Encrypted();
        }
        catch (Exception exception) when (exception is not DocumentExtractionException and not OperationCanceledException)
        {
            throw new DocumentExtractionException($"the PDF is truncated or damaged and cannot be read ({exception.Message})");
        }
    }

    private static DocumentExtractionException Encrypted() =>
        new("the PDF is encrypted; AiFlow does not open protected PDFs: upload an unencrypted copy");

    /// <summary>A line of text on a page, with the size of its letters and its baseline (PDF y grows upwards).</summary>
    private sealed record PdfLine(int Page, string Text, double Size, double Baseline, int Words, bool IsHeading);

    private static List<PdfLine> ReadLines(Page page)
    {
        var words = page.GetWords().Where(w => !string.IsNullOrWhiteSpace(w.Text)).OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left).ToList();
        var grouped = new List<List<Word>>();
        foreach (var word in words)
        {
            var line = grouped.Count > 0 ? grouped[^1] : null;
            var tolerance = Math.Max(2.0, 0.3 * Size(word));
            if (line is not null && Math.Abs(line[0].BoundingBox.Bottom - word.BoundingBox.Bottom) <= tolerance)
            {
                line.Add(word);
            }
            else
            {
                grouped.Add([word]);
            }
        }

        var measured = grouped.Select(line =>
        {
            var ordered = line.OrderBy(w => w.BoundingBox.Left).ToList();
            var letters = ordered.SelectMany(w => w.Letters).ToList();
            var size = letters.Count == 0 ? 0 : letters.Average(l => l.PointSize);
            return (Text: string.Join(' ', ordered.Select(w => w.Text)), Size: size, Baseline: ordered.Min(w => w.BoundingBox.Bottom), Words: ordered.Count, Letters: letters.Count);
        }).ToList();
        if (measured.Count == 0)
        {
            return [];
        }

        // The body size is the size most of the page's letters are set in.
        var body = measured.GroupBy(l => Math.Round(l.Size)).OrderByDescending(g => g.Sum(l => l.Letters)).First().Key;
        return measured
            .Select(l => new PdfLine(page.Number, l.Text, l.Size, l.Baseline, l.Words, l.Size >= body * HeadingRatio && l.Words <= MaxHeadingWords && body > 0))
            .ToList();
    }

    /// <summary>
    /// Drops running heads and feet: a line among the first or last two of its page (one, on a short page) whose text, digits aside, recurs
    /// that way on at least half the pages ("Shared MIME-info Database", "Page 7"). Left in, they would cut into
    /// paragraphs at every page break and repeat in every chunk.
    /// </summary>
    private static List<PdfLine> WithoutRunningHeadersAndFooters(List<PdfLine> lines, int pageCount)
    {
        if (pageCount < 3)
        {
            return lines;
        }

        // On a page of a few lines only the outermost ones can be head or foot, or everything would be.
        var edges = lines.GroupBy(l => l.Page).SelectMany(page =>
        {
            var reach = page.Count() > 6 ? 2 : 1;
            return page.Take(reach).Concat(page.TakeLast(reach));
        }).ToHashSet();
        var running = edges
            .GroupBy(l => RunningKey(l.Text))
            .Where(g => g.Select(l => l.Page).Distinct().Count() >= Math.Max(3, pageCount / 2))
            .Select(g => g.Key)
            .ToHashSet();
        return lines.Where(l => !(edges.Contains(l) && running.Contains(RunningKey(l.Text)))).ToList();
    }

    private static string RunningKey(string text) =>
        string.Join(' ', new string(text.Where(c => !char.IsDigit(c)).ToArray()).ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static double Size(Word word) => word.Letters.Count == 0 ? 0 : word.Letters.Average(l => l.PointSize);

    private static List<DocumentBlock> ToBlocks(List<PdfLine> lines)
    {
        // Heading levels rank the heading sizes of the whole document: the largest is level 1.
        var headingSizes = lines.Where(l => l.IsHeading).Select(l => Math.Round(l.Size)).Distinct().OrderDescending().ToList();
        var blocks = new List<DocumentBlock>();
        var text = new StringBuilder();
        PdfLine? first = null;
        PdfLine? previous = null;

        foreach (var line in lines)
        {
            if (previous is not null && StartsNewBlock(previous, line))
            {
                Flush();
            }

            if (text.Length > 0)
            {
                // A word hyphenated at a line end is joined back ("exam-" + "ple").
                if (text[^1] == '-' && text.Length > 1 && char.IsLetter(text[^2]) && line.Text.Length > 0 && char.IsLower(line.Text[0]))
                {
                    text.Length--;
                }
                else
                {
                    text.Append(' ');
                }
            }

            first ??= line;
            text.Append(line.Text);
            previous = line;
        }

        Flush();
        return blocks;

        void Flush()
        {
            if (first is null || text.Length == 0)
            {
                return;
            }

            var level = first.IsHeading ? Math.Min(6, headingSizes.IndexOf(Math.Round(first.Size)) + 1) : 0;
            blocks.Add(new DocumentBlock(first.IsHeading ? DocumentBlockKind.Heading : DocumentBlockKind.Paragraph, text.ToString(), level, first.Page));
            text.Clear();
            first = null;
        }
    }

    /// <summary>
    /// A new page (so every block's page is exact for citations), a switch between heading and body, a change of size,
    /// or a gap wider than one and a half lines.
    /// </summary>
    private static bool StartsNewBlock(PdfLine previous, PdfLine line) =>
        previous.Page != line.Page
        || previous.IsHeading != line.IsHeading
        || Math.Abs(Math.Round(previous.Size) - Math.Round(line.Size)) >= 1
        || previous.Baseline - line.Baseline > 1.6 * Math.Max(line.Size, 1);
}
