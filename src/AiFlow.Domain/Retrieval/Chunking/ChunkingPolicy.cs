namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>How a collection cuts documents: chunks of at most <paramref name="MaxTokens"/>, consecutive chunks of one section sharing <paramref name="OverlapTokens"/>.</summary>
public sealed record ChunkingPolicy(int MaxTokens = 256, int OverlapTokens = 32)
{
    public static ChunkingPolicy Default { get; } = new();
}
