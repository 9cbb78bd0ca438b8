using AiFlow.Domain.Retrieval.Chunking;
using AiFlow.Infrastructure.Retrieval.Extraction;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiFlow.Tests.Infrastructure.Retrieval.Extraction;

public sealed class ExtractionDependencyInjectionTests
{
    [Fact]
    public void AddDocumentExtraction_registers_the_extractor_the_model_token_counter_the_chunker_and_bound_limits()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AiFlow:Retrieval:Extraction:MaxPages"] = "12" })
            .Build();
        using var provider = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddDocumentExtraction().BuildServiceProvider();

        Assert.IsType<DocumentExtractor>(provider.GetRequiredService<IDocumentExtractor>());
        Assert.IsType<ModelTokenCounter>(provider.GetRequiredService<ITokenCounter>());
        Assert.NotNull(provider.GetRequiredService<HeadingAwareChunker>());
        var limits = provider.GetRequiredService<IOptions<ExtractionLimits>>().Value;
        Assert.Equal(12, limits.MaxPages);
        Assert.Equal(50L * 1024 * 1024, limits.MaxBytes);
    }
}
