namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>One page of a collection's documents, newest first, and how many there are in all.</summary>
public sealed record DocumentPage(IReadOnlyList<DocumentRow> Items, int Total, int Page, int PageSize);
