using System.Runtime.InteropServices;
using System.Text;
using AiFlow.Domain.Retrieval.Extraction;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Reads HTML through AngleSharp: headings, paragraphs, list items with their depth, preformatted code and table rows
/// ("cell | cell"); scripts, styles and page chrome (nav, header, footer) are not the document's text. The parser nests
/// no deeper than <see cref="ExtractionLimits.MaxHtmlDepth"/> and the walk uses an explicit stack, so a page of deeply
/// nested divs can neither overflow the stack nor grow a tree deeper than the limit; a page whose markup nests deeper
/// is refused before parsing (see <see cref="HtmlNestingScan"/>), since parsing it would take quadratic time.
/// </summary>
public sealed class HtmlTextExtractor(ExtractionLimits limits)
{
    private static readonly HashSet<string> Skipped = ["script", "style", "nav", "header", "footer", "noscript", "template", "svg", "iframe", "head", "button", "select"];

    private static readonly HashSet<string> BlockElements =
    [
        "p", "div", "section", "article", "main", "aside", "blockquote", "figure", "figcaption", "address", "details", "summary",
        "ul", "ol", "li", "dl", "dt", "dd", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption",
        "h1", "h2", "h3", "h4", "h5", "h6", "br", "hr", "body",
    ];

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (HtmlNestingScan.IsDeeperThan(content.Span, limits.MaxHtmlDepth))
        {
            throw new DocumentExtractionException(
                $"the HTML nests elements more than {limits.MaxHtmlDepth} levels deep (a generated or hostile page?); raise {ExtractionLimits.Section}:MaxHtmlDepth if the page is genuine");
        }

        var parser = new HtmlParser(new HtmlParserOptions { MaximumDepth = limits.MaxHtmlDepth, IsScripting = false, SkipComments = true });
        using var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        // The stream overload honours a byte-order mark and <meta charset>, so legacy encodings decode correctly.
        using var document = parser.ParseDocument(stream);
        cancellationToken.ThrowIfCancellationRequested();

        var walker = new Walker(limits.MaxHtmlDepth, cancellationToken);
        walker.Walk(document.Body ?? (INode?)document.DocumentElement ?? document);

        var title = Collapse(document.Title ?? "");
        var firstHeading = walker.Blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading)?.Text;
        return new ExtractedDocument(MimeTypes.Html, title.Length > 0 ? title : firstHeading, 1, Language(document.DocumentElement?.GetAttribute("lang")), walker.Blocks);
    }

    /// <summary>The primary subtag of an HTML lang attribute ("en-US" → "en"), when it looks like one.</summary>
    private static string? Language(string? lang)
    {
        var primary = lang?.Split('-', '_')[0].Trim().ToLowerInvariant();
        return primary is { Length: 2 or 3 } && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    private static string Collapse(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Walks the tree in document order with enter/exit events on an explicit stack. Text accumulates until a block
    /// element starts or ends; the innermost heading, pre, table row or list item around it decides the block's kind.
    /// </summary>
    private sealed class Walker(int maxDepth, CancellationToken cancellationToken)
    {
        private readonly StringBuilder _text = new();
        private readonly List<string> _open = [];

        public List<DocumentBlock> Blocks { get; } = [];

        public void Walk(INode root)
        {
            var pending = new Stack<(INode Node, bool Exit, int Depth)>();
            pending.Push((root, false, 0));
            var visited = 0;
            while (pending.Count > 0)
            {
                if (++visited % 4096 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var (node, exit, depth) = pending.Pop();
                if (node is IText text)
                {
                    _text.Append(text.Data);
                    continue;
                }

                if (node is not IElement && node.NodeType != NodeType.Document)
                {
                    continue;
                }

                var name = (node as IElement)?.LocalName ?? "";
                if (exit)
                {
                    OnExit(name);
                    continue;
                }

                if (Skipped.Contains(name) || depth > maxDepth || IsNavigation(node as IElement))
                {
                    continue;
                }

                OnEnter(name);
                pending.Push((node, true, depth));
                for (var i = node.ChildNodes.Length - 1; i >= 0; i--)
                {
                    pending.Push((node.ChildNodes[i], false, depth + 1));
                }
            }

            Flush();
        }

        /// <summary>
        /// Page chrome that is not marked up as nav: ARIA navigation roles and the class names generators use for it
        /// (DocBook's navheader/navfooter, "toc" link lists), which would otherwise fill chunks with Prev/Up/Next links.
        /// </summary>
        private static bool IsNavigation(IElement? element)
        {
            if (element is null)
            {
                return false;
            }

            if (element.GetAttribute("role") is "navigation" or "banner" or "contentinfo")
            {
                return true;
            }

            return element.ClassList.Any(c => c.StartsWith("nav", StringComparison.OrdinalIgnoreCase) || c.Equals("toc", StringComparison.OrdinalIgnoreCase));
        }

        private void OnEnter(string name)
        {
            if (BlockElements.Contains(name))
            {
                Flush();
            }

            _open.Add(name);
        }

        private void OnExit(string name)
        {
            if (name is "td" or "th")
            {
                _text.Append(" | ");
            }
            else if (BlockElements.Contains(name))
            {
                Flush();
            }

            _open.RemoveAt(_open.Count - 1);
        }

        private void Flush()
        {
            if (_text.Length == 0)
            {
                return;
            }

            var raw = _text.ToString();
            _text.Clear();
            var block = Classify(raw);
            if (block is not null)
            {
                Blocks.Add(block);
            }
        }

        private DocumentBlock? Classify(string raw)
        {
            for (var i = _open.Count - 1; i >= 0; i--)
            {
                switch (_open[i])
                {
                    case "pre":
                        var code = raw.Trim('\n', '\r');
                        return string.IsNullOrWhiteSpace(code) ? null : new DocumentBlock(DocumentBlockKind.Code, code);
                    case ['h', >= '1' and <= '6'] heading:
                        return Make(DocumentBlockKind.Heading, raw, headingLevel: heading[1] - '0');
                    case "tr":
                        return Make(DocumentBlockKind.Table, raw.TrimEnd().TrimEnd('|'));
                    case "li":
                        return Make(DocumentBlockKind.ListItem, raw, listDepth: _open.Count(n => n == "li"));
                }
            }

            return Make(DocumentBlockKind.Paragraph, raw);
        }

        private static DocumentBlock? Make(DocumentBlockKind kind, string raw, int headingLevel = 0, int listDepth = 0)
        {
            var text = Collapse(raw);
            return text.Length == 0 ? null : new DocumentBlock(kind, text, headingLevel, null, listDepth);
        }
    }
}
