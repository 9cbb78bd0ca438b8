using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class PlainTextExtractorTests
{
    [Fact]
    public void Plain_text_splits_paragraphs_on_blank_lines_and_reads_underlined_lines_as_headings()
    {
        var text = "Release notes\r\n=============\r\n\r\nThis release fixes\r\ntwo bugs.\r\n\r\n\r\nUpgrading\r\n---------\r\nStop the service first.\r\n\r\n---\r\nThanks.\r\n";

        var document = ExtractorFixture.Extract(text, "NOTES.txt");

        Assert.Equal(MimeTypes.PlainText, document.MimeType);
        Assert.Equal("Release notes", document.Title);
        Assert.Equal(
            [
                (DocumentBlockKind.Heading, "Release notes", 1),
                (DocumentBlockKind.Paragraph, "This release fixes two bugs.", 0),
                (DocumentBlockKind.Heading, "Upgrading", 2),
                (DocumentBlockKind.Paragraph, "Stop the service first.", 0),
                (DocumentBlockKind.Paragraph, "Thanks.", 0),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.HeadingLevel)));
    }
}
