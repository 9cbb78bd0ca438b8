using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Retrieval.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

public static class IngestionDependencyInjection
{
    /// <summary>Collections, uploads and server-read sources, and the Quartz job that ingests them (on the runs' clustered store).</summary>
    public static IHostApplicationBuilder AddCollectionsAndIngestion(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<IngestionOptions>().Bind(builder.Configuration.GetSection(IngestionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The demo offers to ingest the installed PostgreSQL manual, so a demo console may read that one folder.
        if (builder.Configuration.GetValue<bool>("AiFlow:DemoMode"))
        {
            services.PostConfigure<IngestionOptions>(o => { if (!o.AllowedRoots.Contains(Seeding.PostgresManual.Directory)) o.AllowedRoots.Add(Seeding.PostgresManual.Directory); });
        }
        services.AddSingleton<CollectionService>();
        services.AddSingleton<Gold.GoldRetrievalService>();
        services.AddSingleton<IngestionScheduler>();
        services.AddSingleton<IngestionService>();
        services.AddSingleton<IngestionExecutor>();
        services.AddSingleton<SourceReader>();
        services.AddHttpClient(SourceReader.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => SourceReader.Handler(sp.GetRequiredService<SsrfGuard>()));
        return builder;
    }
}
