namespace AiFlow.Domain.Retrieval.Extraction;

/// <summary>What a block of an extracted document is; the chunker treats headings and list items differently from prose.</summary>
public enum DocumentBlockKind { Heading, Paragraph, ListItem, Code, Table }
