using AiFlow.Domain.Retrieval.Chunking;

namespace AiFlow.Tests.Domain.Retrieval.Chunking;

/// <summary>One token per whitespace-separated word: token counts in chunking tests can be checked by eye.</summary>
internal sealed class WhitespaceTokenCounter : ITokenCounter
{
    public int Count(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
