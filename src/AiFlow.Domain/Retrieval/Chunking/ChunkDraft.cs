namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>A chunk before it is embedded and stored.</summary>
/// <param name="HeadingPath">The headings above the chunk, outermost first, joined with " › " (empty before the first heading).</param>
/// <param name="PageFrom">The first page the chunk's text comes from, where the format has pages.</param>
/// <param name="Tokens">The chunk's length in the collection's tokenizer.</param>
public sealed record ChunkDraft(int Ordinal, string HeadingPath, string Text, int? PageFrom, int? PageTo, int Tokens);
