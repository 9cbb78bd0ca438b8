using AiFlow.Domain.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class PdfTextExtractorTests
{
    [Fact]
    public void Pdf_extractor_reads_each_page_and_tells_headings_from_body_text_by_font_size()
    {
        var document = ExtractorFixture.Extract(TestPdfs.Manual(), "manual.pdf");

        Assert.Equal(MimeTypes.Pdf, document.MimeType);
        Assert.Equal(2, document.PageCount);
        Assert.Equal("Installation", document.Title);
        Assert.Equal("en", document.Language);
        Assert.Equal(
            [
                (DocumentBlockKind.Heading, "Installation", 1, 1),
                (DocumentBlockKind.Paragraph, "Unpack the archive into a folder of your choice and run the installer as an administrator.", 0, 1),
                (DocumentBlockKind.Paragraph, "The installer asks for a licence key.", 0, 1),
                (DocumentBlockKind.Heading, "Usage", 1, 2),
                (DocumentBlockKind.Paragraph, "Start the program from the menu.", 0, 2),
                (DocumentBlockKind.Heading, "Options", 2, 2),
                (DocumentBlockKind.Paragraph, "Every option can also be set in the settings file.", 0, 2),
            ],
            document.Blocks.Select(b => (b.Kind, b.Text, b.HeadingLevel, b.Page!.Value)));
    }

    [Fact]
    public void Running_heads_and_page_numbers_are_left_out_of_the_text()
    {
        var document = ExtractorFixture.Extract(TestPdfs.WithRunningHeadAndFoot(), "fridge.pdf");

        Assert.Equal(
            TestPdfs.RunningHeadBodies.Select((text, i) => (text, i + 1)),
            document.Blocks.Select(b => (b.Text, b.Page!.Value)));
    }

    [Fact]
    public void A_pdf_without_a_text_layer_is_refused_as_probably_scanned()
    {
        Assert.Equal("no text layer (scanned?); OCR is not supported", ExtractorFixture.Refusal(TestPdfs.WithoutText(), "scan.pdf"));
    }

    [Fact]
    public void A_truncated_pdf_is_refused_as_truncated()
    {
        var whole = TestPdfs.Manual();

        var reason = ExtractorFixture.Refusal(whole[..(whole.Length / 2)], "manual.pdf");

        Assert.Contains("truncated", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_pdf_that_still_has_its_end_marker_is_refused_with_the_reason()
    {
        var reason = ExtractorFixture.Refusal("%PDF-1.7\nthis is not a PDF body at all\n%%EOF\n"u8.ToArray(), "broken.pdf");

        Assert.Contains("damaged", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_encrypted_pdf_is_refused_as_encrypted()
    {
        Assert.Contains("encrypted", ExtractorFixture.Refusal(TestPdfs.Encrypted(), "secret.pdf"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_with_more_pages_than_the_limit_is_refused_before_it_is_read()
    {
        var reason = ExtractorFixture.Refusal(TestPdfs.Pages(3), "long.pdf", new ExtractionLimits { MaxPages = 2 });

        Assert.Contains("3 pages, over the limit of 2", reason, StringComparison.Ordinal);
    }
}
