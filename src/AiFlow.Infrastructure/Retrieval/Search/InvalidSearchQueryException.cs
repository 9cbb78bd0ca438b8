namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>A search asked for something it cannot have; <see cref="Member"/> names the request member (e.g. "topK", "filters/tags").</summary>
public sealed class InvalidSearchQueryException(string member, string message) : Exception(message)
{
    public string Member { get; } = member;
}
