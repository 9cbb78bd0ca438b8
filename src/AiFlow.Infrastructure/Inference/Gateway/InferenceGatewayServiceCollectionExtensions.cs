using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Inference.Accounting;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Privacy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Gateway;

public static class InferenceGatewayServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddInferenceGateway(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddInferenceGateway(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// Registers the gateway (singleton), its named HttpClient — SSRF-pinned sockets, Idempotency-Key and parameter mapping,
    /// then a resilience pipeline chosen per endpoint — and the options bound from AiFlow:Inference and AiFlow:Pii.
    /// Needs <c>IDbContextFactory&lt;AiFlowDbContext&gt;</c> and <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddInferenceGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GatewayOptions>().Bind(configuration.GetSection(GatewayOptions.SectionName));
        services.AddOptions<PiiOptions>().Bind(configuration.GetSection(PiiOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SsrfGuard>();
        services.TryAddSingleton<EndpointCatalog>();
        services.TryAddSingleton<CircuitStates>();
        services.TryAddSingleton<Pools.PoolScheduler>();
        services.TryAddSingleton<IInferenceAccounting, EfInferenceAccounting>();
        // Every call passes the budgets' hard limits first.
        services.AddBudgets(configuration);
        services.TryAddSingleton<EndpointClients>();
        // Stored endpoint keys are encrypted with the key ring (SharedKeyRing configures where it lives).
        services.AddDataProtection();
        services.TryAddSingleton<ApiKeys>();
        services.TryAddSingleton<ChainRunner>();
        services.TryAddSingleton(sp => new InferenceGateway(sp.GetRequiredService<EndpointCatalog>(), sp.GetRequiredService<ChainRunner>(),
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Persistence.AiFlowDbContext>>(),
            sp.GetRequiredService<IOptionsMonitor<GatewayOptions>>()));
        services.TryAddSingleton<IInferenceGateway>(sp => sp.GetRequiredService<InferenceGateway>());
        services.AddTransient<GatewayHeadersHandler>();

        // RemoveAllLoggers: the gateway books every call itself (ai_request_logs, telemetry); the factory's own four log
        // lines and logging scope per request were paid on every step even where the level drops them.
        services.AddHttpClient(GatewayHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<SsrfGuard>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 3,
                UseProxy = false,
            })
            .AddHttpMessageHandler<GatewayHeadersHandler>()
            .AddResilienceHandler("endpoint", (pipeline, context) =>
                EndpointResilience.Configure(pipeline, context.InstanceName, context.ServiceProvider.GetRequiredService<IOptionsMonitor<GatewayOptions>>().CurrentValue,
                    context.ServiceProvider.GetRequiredService<CircuitStates>()))
            .SelectPipelineBy(_ => request => GatewayCallContext.Current?.PipelineKey ?? request.RequestUri?.Authority ?? "default");
        return services;
    }
}
