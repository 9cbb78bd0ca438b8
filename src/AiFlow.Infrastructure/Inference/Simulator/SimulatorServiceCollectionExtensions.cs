using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFlow.Infrastructure.Inference.Simulator;

public static class SimulatorServiceCollectionExtensions
{
    /// <summary>Binds <see cref="SimulatorOptions"/> from <c>AiFlow:Simulator</c> and registers shared <see cref="SimulatorStats"/>.</summary>
    public static IServiceCollection AddInferenceSimulator(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatorOptions>().Bind(configuration.GetSection(SimulatorOptions.SectionName));
        services.AddSingleton<SimulatorStats>();
        services.TryAddSingleton<ConsoleSimulatorAddress>();
        return services;
    }
}
