using AiFlow.Infrastructure.Inference.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFlow.Infrastructure.Inference.BuiltIn;

public static class BuiltInEmbeddingServiceCollectionExtensions
{
    /// <summary>Binds <see cref="BuiltInEmbeddingOptions"/> and registers the one <see cref="BuiltInEmbedder"/> of the process.</summary>
    public static IServiceCollection AddBuiltInEmbeddings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BuiltInEmbeddingOptions>().Bind(configuration.GetSection(BuiltInEmbeddingOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<BuiltInEmbedder>();
        services.TryAddSingleton<ConsoleSimulatorAddress>();
        return services;
    }

    public static bool ServesBuiltInEmbeddings(this IConfiguration configuration) =>
        configuration.GetValue<bool?>(BuiltInEmbeddingOptions.SectionName + ":Enabled") ?? true;
}
