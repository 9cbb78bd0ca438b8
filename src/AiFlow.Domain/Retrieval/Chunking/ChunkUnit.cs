namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>
/// One piece of a section as the chunker packs it: a block rendered to text (list items indented by depth), or a part
/// of an oversized block. <see cref="Context"/> holds what a reader needs to understand a list item that opens a
/// continuation chunk: the paragraph that introduced the list and the enclosing items, outermost first.
/// </summary>
/// <param name="Index">Reading order within the document; context and overlap are put back in this order.</param>
internal sealed record ChunkUnit(int Index, string Text, int Tokens, int? Page, bool IsListItem, IReadOnlyList<ChunkUnit> Context);
