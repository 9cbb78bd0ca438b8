using System.Text;
using AiFlow.Domain.Retrieval.Extraction;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Reads Markdown through Markdig's syntax tree: headings, paragraphs, list items with their nesting depth (an item's
/// paragraphs become one item), fenced and indented code, and table rows as "cell | cell". Front matter and raw HTML
/// blocks are not prose and are left out. The tree is walked with an explicit stack, so deep nesting cannot overflow.
/// </summary>
public static class MarkdownTextExtractor
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseGridTables().UseYamlFrontMatter().Build();

    public static ExtractedDocument Extract(string text, CancellationToken cancellationToken)
    {
        var document = Markdown.Parse(text, Pipeline);
        var blocks = new List<DocumentBlock>();
        var pending = new Stack<(Block Block, int ListDepth)>();
        PushChildren(pending, document, 0);
        var visited = 0;

        while (pending.Count > 0)
        {
            if (++visited % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var (block, listDepth) = pending.Pop();
            switch (block)
            {
                case YamlFrontMatterBlock or HtmlBlock or ThematicBreakBlock or LinkReferenceDefinitionGroup:
                    break;
                case HeadingBlock heading:
                    blocks.Add(new DocumentBlock(DocumentBlockKind.Heading, InlineText(heading.Inline), HeadingLevel: heading.Level));
                    break;
                case CodeBlock code:
                    blocks.Add(new DocumentBlock(DocumentBlockKind.Code, code.Lines.ToString()));
                    break;
                case ParagraphBlock paragraph:
                    blocks.Add(listDepth > 0
                        ? new DocumentBlock(DocumentBlockKind.ListItem, InlineText(paragraph.Inline), ListDepth: listDepth)
                        : new DocumentBlock(DocumentBlockKind.Paragraph, InlineText(paragraph.Inline)));
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        var cells = row.OfType<TableCell>().Select(cell => string.Join(' ', cell.OfType<LeafBlock>().Select(l => InlineText(l.Inline))));
                        blocks.Add(new DocumentBlock(DocumentBlockKind.Table, string.Join(" | ", cells)));
                    }

                    break;
                case ListBlock list:
                    PushChildren(pending, list, listDepth + 1);
                    break;
                case ListItemBlock item:
                    // The item's own paragraphs are its text; nested lists and code follow it at the item's depth.
                    var itemText = string.Join(' ', item.OfType<ParagraphBlock>().Select(p => InlineText(p.Inline)));
                    PushChildren(pending, item, listDepth, skipParagraphs: true);
                    blocks.Add(new DocumentBlock(DocumentBlockKind.ListItem, itemText, ListDepth: Math.Max(1, listDepth)));
                    break;
                case ContainerBlock container:
                    PushChildren(pending, container, listDepth);
                    break;
            }
        }

        var title = blocks.FirstOrDefault(b => b.Kind == DocumentBlockKind.Heading && b.HeadingLevel == 1)?.Text;
        return new ExtractedDocument(MimeTypes.Markdown, title, 1, null, blocks);
    }

    private static void PushChildren(Stack<(Block, int)> pending, ContainerBlock container, int listDepth, bool skipParagraphs = false)
    {
        for (var i = container.Count - 1; i >= 0; i--)
        {
            if (!(skipParagraphs && container[i] is ParagraphBlock))
            {
                pending.Push((container[i], listDepth));
            }
        }
    }

    private static string InlineText(ContainerInline? root)
    {
        if (root is null)
        {
            return "";
        }

        var text = new StringBuilder();
        var pending = new Stack<Inline>();
        for (var child = root.LastChild; child is not null; child = child.PreviousSibling)
        {
            pending.Push(child);
        }

        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline link:
                    text.Append(link.Url);
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case LineBreakInline:
                    text.Append(' ');
                    break;
                case ContainerInline container:
                    for (var child = container.LastChild; child is not null; child = child.PreviousSibling)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return text.ToString().Trim();
    }
}
