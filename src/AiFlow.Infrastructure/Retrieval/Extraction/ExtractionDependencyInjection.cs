using AiFlow.Domain.Retrieval.Chunking;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

public static class ExtractionDependencyInjection
{
    /// <summary>Document extraction, the model's token counter and the heading-aware chunker; all stateless singletons.</summary>
    public static IServiceCollection AddDocumentExtraction(this IServiceCollection services)
    {
        services.AddOptions<ExtractionLimits>().BindConfiguration(ExtractionLimits.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IDocumentExtractor, DocumentExtractor>();
        services.AddSingleton<ITokenCounter, ModelTokenCounter>();
        services.AddSingleton<HeadingAwareChunker>();
        return services;
    }
}
