namespace AiFlow.Infrastructure.Retrieval.Search;

public sealed class CollectionNotFoundException(string key) : Exception($"No collection has the key '{key}'.")
{
    public string Key { get; } = key;
}
