namespace AiFlow.Domain.Retrieval.Extraction;

/// <summary>
/// One block of a document in reading order, as every extractor (PDF, HTML, Markdown, text) hands it to the chunker.
/// </summary>
/// <param name="HeadingLevel">1–6 for a heading, 0 otherwise.</param>
/// <param name="Page">The 1-based page the block starts on, where the format has pages (PDF); null otherwise.</param>
/// <param name="ListDepth">How deep in nested lists a list item sits (1 for a top-level item), 0 outside lists.</param>
public sealed record DocumentBlock(DocumentBlockKind Kind, string Text, int HeadingLevel = 0, int? Page = null, int ListDepth = 0);
