using System.Text;
using AiFlow.Infrastructure.Retrieval.Extraction;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class DocumentExtractorTests
{
    [Fact]
    public void An_empty_file_is_refused_as_empty()
    {
        Assert.Equal("empty file", ExtractorFixture.Refusal([], "notes.txt"));
    }

    [Fact]
    public void Html_bytes_named_pdf_are_refused_naming_both_types()
    {
        var reason = ExtractorFixture.Refusal("<!DOCTYPE html><html><body><p>Quarterly report</p></body></html>", "report.pdf");

        Assert.Equal("report.pdf is named as PDF but its bytes are HTML; rename it or upload the right file", reason);
    }

    [Fact]
    public void Pdf_bytes_named_txt_are_refused_naming_both_types()
    {
        var reason = ExtractorFixture.Refusal(TestPdfs.Manual(), "notes.txt");

        Assert.Contains("named as plain text but its bytes are PDF", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_text_file_is_refused_with_the_byte_offset()
    {
        byte[] bytes = [.. "hello "u8, 0xC3, 0x28, .. " world"u8];

        var reason = ExtractorFixture.Refusal(bytes, "notes.txt");

        Assert.Equal("the text is not valid UTF-8 (first invalid byte at offset 6); save it as UTF-8 and upload it again", reason);
    }

    [Fact]
    public void Archives_images_and_binary_data_are_refused_with_what_they_look_like()
    {
        Assert.Contains("ZIP archive", ExtractorFixture.Refusal([.. "PK\u0003\u0004"u8, 1, 2, 3], "manual.docx"), StringComparison.Ordinal);
        Assert.Contains("PNG image", ExtractorFixture.Refusal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], "photo.txt"), StringComparison.Ordinal);
        Assert.Contains("NUL byte at offset 3", ExtractorFixture.Refusal([.. "abc"u8, 0, .. "def"u8], "data.bin"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var reason = ExtractorFixture.Refusal(new string('a', 2 * 1024 * 1024), "big.txt", new ExtractionLimits { MaxBytes = 1024 * 1024 });

        Assert.Equal("the file is 2 MB, over the limit of 1 MB; split it or raise AiFlow:Retrieval:Extraction:MaxBytes", reason);
    }

    [Fact]
    public void The_type_comes_from_the_bytes_and_markdown_from_a_markdown_name()
    {
        Assert.Equal(MimeTypes.Markdown, ExtractorFixture.Extract("# Title\n\nText.", "guide.md").MimeType);
        Assert.Equal(MimeTypes.PlainText, ExtractorFixture.Extract("Just words.", "notes").MimeType);
        Assert.Equal(MimeTypes.Html, ExtractorFixture.Extract("\uFEFF  <html><body><p>Hi</p></body></html>", "page").MimeType);
        Assert.Equal(MimeTypes.Pdf, MimeSniffer.Sniff(TestPdfs.Manual(), "anything.bin"));
    }

    [Fact]
    public void A_file_with_no_readable_text_is_refused()
    {
        var reason = ExtractorFixture.Refusal("<html><body><script>var x = 1;</script></body></html>", "empty.html");

        Assert.Equal("no readable text in this HTML file", reason);
    }

    [Fact]
    public void Cancellation_is_not_turned_into_a_refusal()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            ExtractorFixture.Create().Extract(Encoding.UTF8.GetBytes("text"), "a.txt", cancelled.Token));
    }
}
