namespace AiFlow.Domain.Retrieval.Extraction;

/// <summary>What an extractor read from a file: its blocks in reading order and the facts a document keeps.</summary>
/// <param name="MimeType">The type sniffed from the bytes, not taken from the file name.</param>
/// <param name="PageCount">Pages for a paged format (PDF); 1 otherwise.</param>
/// <param name="Language">An ISO 639-1 code when it could be told (the HTML lang attribute, or a guess from stop words), else null.</param>
public sealed record ExtractedDocument(string MimeType, string? Title, int PageCount, string? Language, IReadOnlyList<DocumentBlock> Blocks);
