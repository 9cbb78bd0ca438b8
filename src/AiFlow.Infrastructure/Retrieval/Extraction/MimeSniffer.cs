using System.Buffers;
using System.Text;
using System.Text.Unicode;
using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Tells a file's type from its bytes, never from its name: PDF by its header, HTML by markup near the start, text by
/// being valid UTF-8 without NUL bytes (Markdown when the name says so, since Markdown is text by construction).
/// Anything else (archives, images, executables, other encodings) is refused with what it looks like.
/// </summary>
public static class MimeSniffer
{
    private const int HtmlWindow = 1024;

    private static readonly (byte[] Magic, string What)[] KnownBinaries =
    [
        ("PK\u0003\u0004"u8.ToArray(), "a ZIP archive (Word, Excel, EPUB and OpenDocument files are ZIP archives too)"),
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        ("GIF8"u8.ToArray(), "a GIF image"),
        ([0xD0, 0xCF, 0x11, 0xE0], "an old Microsoft Office document"),
        ([0x1F, 0x8B], "a gzip archive"),
        ("\u007fELF"u8.ToArray(), "a program (ELF)"),
        ("MZ"u8.ToArray(), "a Windows program"),
        ("%!PS"u8.ToArray(), "a PostScript file"),
    ];

    private static readonly string[] HtmlMarkers = ["<!doctype html", "<html", "<head", "<body"];

    public static string Sniff(ReadOnlySpan<byte> content, string fileName)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return MimeTypes.Pdf;
        }

        foreach (var (magic, what) in KnownBinaries)
        {
            if (content.StartsWith(magic))
            {
                throw new DocumentExtractionException($"unsupported file type: the bytes are {what}; AiFlow reads PDF, HTML, Markdown and plain text");
            }
        }

        if (content.StartsWith(stackalloc byte[] { 0xFF, 0xFE }) || content.StartsWith(stackalloc byte[] { 0xFE, 0xFF }))
        {
            throw new DocumentExtractionException("the text is UTF-16; save it as UTF-8 and upload it again");
        }

        if (LooksLikeHtml(content))
        {
            return MimeTypes.Html;
        }

        var nul = content.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new DocumentExtractionException($"unsupported file type: binary data (a NUL byte at offset {nul}); AiFlow reads PDF, HTML, Markdown and plain text");
        }

        var invalid = FirstInvalidUtf8(content);
        if (invalid >= 0)
        {
            throw new DocumentExtractionException($"the text is not valid UTF-8 (first invalid byte at offset {invalid}); save it as UTF-8 and upload it again");
        }

        return MimeTypes.FromFileName(fileName) == MimeTypes.Markdown ? MimeTypes.Markdown : MimeTypes.PlainText;
    }

    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence, or -1 when all are.</summary>
    public static long FirstInvalidUtf8(ReadOnlySpan<byte> content)
    {
        var buffer = ArrayPool<char>.Shared.Rent(64 * 1024);
        try
        {
            var offset = 0;
            while (offset < content.Length)
            {
                // Decoding into a bounded buffer validates a file of any size without holding its text twice.
                var status = Utf8.ToUtf16(content[offset..], buffer, out var read, out _, replaceInvalidSequences: false, isFinalBlock: true);
                if (status == OperationStatus.InvalidData)
                {
                    return offset + read;
                }

                offset += read;
                if (status == OperationStatus.Done)
                {
                    break;
                }
            }

            return -1;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static bool LooksLikeHtml(ReadOnlySpan<byte> content)
    {
        var window = content[..Math.Min(content.Length, HtmlWindow)];
        if (window.StartsWith(Encoding.UTF8.Preamble))
        {
            window = window[Encoding.UTF8.Preamble.Length..];
        }

        window = window.TrimStart(" \t\r\n"u8);
        // Markup must open the file; a Markdown or text file that merely mentions <html> further down stays text.
        if (window.IsEmpty || window[0] != (byte)'<')
        {
            return false;
        }

        var head = Encoding.Latin1.GetString(window).ToLowerInvariant();
        return HtmlMarkers.Any(m => head.Contains(m, StringComparison.Ordinal));
    }
}
