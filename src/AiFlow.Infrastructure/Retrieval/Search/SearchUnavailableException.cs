namespace AiFlow.Infrastructure.Retrieval.Search;

/// <summary>
/// A search could not run because an endpoint it needs failed (the query's embedding, the rerank stage) or answered
/// something unusable (a vector of the wrong dimension): the caller's request was fine, so this is not a 4xx.
/// </summary>
public sealed class SearchUnavailableException(string message) : Exception(message);
