using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFlow.Infrastructure.Retrieval.Search;

public static class RetrievalSearchServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IChunkSearch"/> (hybrid search) and its rerank client. Needs the inference gateway
    /// (<c>AddInferenceGateway</c>) and the database; uses an <c>ITokenCounter</c> for the context budget when one is
    /// registered, else counts words.
    /// </summary>
    public static IServiceCollection AddRetrievalSearch(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ChunkReranker>();
        services.TryAddSingleton<IChunkSearch, HybridChunkSearch>();
        return services;
    }
}
