using AiFlow.Domain.Retrieval.Extraction;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Checks a file against the limits, sniffs its type from the bytes, refuses a name that promises another type, and
/// hands it to the format's reader. Every refusal is a <see cref="DocumentExtractionException"/> whose message a person
/// can act on; library exceptions are wrapped, so nothing else escapes except cancellation.
/// </summary>
public sealed class DocumentExtractor(IOptions<ExtractionLimits> options) : IDocumentExtractor
{
    private readonly ExtractionLimits _limits = options.Value;

    public ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (content.IsEmpty)
        {
            throw new DocumentExtractionException("empty file");
        }

        if (content.Length > _limits.MaxBytes)
        {
            throw new DocumentExtractionException($"the file is {Megabytes(content.Length)}, over the limit of {Megabytes(_limits.MaxBytes)}; split it or raise {ExtractionLimits.Section}:MaxBytes");
        }

        try
        {
            var sniffed = MimeSniffer.Sniff(content.Span, fileName);
            var promised = MimeTypes.FromFileName(fileName);
            if (promised is not null && !SameFamily(promised, sniffed))
            {
                throw new DocumentExtractionException(
                    $"{Path.GetFileName(fileName)} is named as {MimeTypes.Describe(promised)} but its bytes are {MimeTypes.Describe(sniffed)}; rename it or upload the right file");
            }

            var document = sniffed switch
            {
                MimeTypes.Pdf => new PdfTextExtractor(_limits).Extract(content, cancellationToken),
                MimeTypes.Html => new HtmlTextExtractor(_limits).Extract(content, cancellationToken),
                MimeTypes.Markdown => MarkdownTextExtractor.Extract(Utf8Text.Decode(content.Span), cancellationToken),
                _ => PlainTextExtractor.Extract(Utf8Text.Decode(content.Span), cancellationToken),
            };

            if (document.Blocks.Count == 0)
            {
                throw new DocumentExtractionException($"no readable text in this {MimeTypes.Describe(sniffed)} file");
            }

            return document.Language is null
                ? document with { Language = LanguageGuess.Guess(string.Join(' ', document.Blocks.Take(200).Select(b => b.Text))) }
                : document;
        }
        catch (DocumentExtractionException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            throw new DocumentExtractionException($"the file could not be read: {exception.Message}");
        }
    }

    // Markdown is plain text with conventions: a .txt that is Markdown, or a .md that is plain, is not a mismatch.
    private static bool SameFamily(string promised, string sniffed) =>
        promised == sniffed || (promised is MimeTypes.Markdown or MimeTypes.PlainText && sniffed is MimeTypes.Markdown or MimeTypes.PlainText);

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#} MB";
}
