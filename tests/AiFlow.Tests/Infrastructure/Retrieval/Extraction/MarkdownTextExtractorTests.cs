using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class MarkdownTextExtractorTests
{
    private const string Readme = """
        ---
        title: front matter is not prose
        ---
        # Setup guide

        Install the *tool* with `apt`.

        Steps:

        1. Download
           - from the **mirror**
             - or the [archive](https://example.org)
        2. Install

        ```bash
        apt-get install tool
        tool --version
        ```

        ## Settings

        | Name | Default |
        |------|---------|
        | port | 5432    |
        """;

    [Fact]
    public void Markdown_extractor_reads_headings_paragraphs_nested_lists_code_fences_and_tables()
    {
        var document = ExtractorFixture.Extract(Readme, "README.md");

        Assert.Equal(MimeTypes.Markdown, document.MimeType);
        Assert.Equal("Setup guide", document.Title);
        Assert.Equal(
            [
                (DocumentBlockKind.Heading, "Setup guide", 1, 0),
                (DocumentBlockKind.Paragraph, "Install the tool with apt.", 0, 0),
                (DocumentBlockKind.Paragraph, "Steps:", 0, 0),
                (DocumentBlockKind.ListItem, "Download", 0, 1),
                (DocumentBlockKind.ListItem, "from the mirror", 0, 2),
                (DocumentBlockKind.ListItem, "or the archive", 0, 3),
                (DocumentBlockKind.ListItem, "Install", 0, 1),
                (DocumentBlockKind.Code, "apt-get install tool\ntool --version", 0, 0),
                (DocumentBlockKind.Heading, "Settings", 2, 0),
                (DocumentBlockKind.Table, "Name | Default", 0, 0),
                (DocumentBlockKind.Table, "port | 5432", 0, 0),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.HeadingLevel, b.ListDepth)));
    }
}
