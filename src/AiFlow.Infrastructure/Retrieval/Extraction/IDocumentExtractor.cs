using AiFlow.Domain.Retrieval.Extraction;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Reads any supported file (PDF, HTML, Markdown, plain text) into blocks: sniffs the type from the bytes, picks the
/// format's reader, and throws <see cref="DocumentExtractionException"/> with the reason for a file it cannot ingest.
/// </summary>
public interface IDocumentExtractor
{
    ExtractedDocument Extract(ReadOnlyMemory<byte> content, string fileName, CancellationToken cancellationToken);
}
