namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>A collection's documents by status (retired versions are history, not counted) and its searchable chunks.</summary>
public sealed record DocumentCounts(int Ingested, int Pending, int Quarantined, int Failed, int Chunks)
{
    public int Documents => Ingested + Pending + Quarantined + Failed;
}
