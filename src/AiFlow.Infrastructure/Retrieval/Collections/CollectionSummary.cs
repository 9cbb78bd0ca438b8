namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>A collection in the list: what it is and how much it holds.</summary>
public sealed record CollectionSummary(Guid Id, string Key, string Name, int Dimensions, int Documents, int Chunks, DateTimeOffset CreatedAt);
