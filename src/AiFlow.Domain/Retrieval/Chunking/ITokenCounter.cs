namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>Counts tokens the way the embedding model will (Infrastructure supplies one over Microsoft.ML.Tokenizers).</summary>
public interface ITokenCounter
{
    int Count(string text);
}
