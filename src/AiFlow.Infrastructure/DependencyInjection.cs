using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Retrieval.Extraction;
using AiFlow.Infrastructure.Retrieval.Search;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Retrieval.Ingestion;
using AiFlow.Infrastructure.Settings;
using AiFlow.Infrastructure.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "AiFlow";

    /// <param name="keyRing">The certificates that encrypt the data-protection key ring (see <see cref="KeyRingCertificate"/>); none in tests and tools.</param>
    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder, KeyRingCertificates? keyRing = null)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (./aiflow.sh up does this for you).");

        connectionString = DatabaseRegistration.Tune(connectionString);
        // First, so every options class bound below reads the database's settings above the files' (ADR 0037).
        builder.AddDatabaseSettings(connectionString);
        // Every context (console, API, engine) is bound by the statement timeout; Quartz's job store, below, is not: its
        // cluster locks and misfire scans are its own business, and a cancelled check-in would look like a dead node.
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddAiFlowDatabase(DatabaseRegistration.WithStatementTimeout(connectionString, database.StatementTimeoutSeconds));
        builder.Services.AddScoped<DatabaseInitializer>();
        builder.Services.AddSharedKeyRing(keyRing?.Current, keyRing?.Previous);
        builder.AddInferenceGateway();
        builder.Services.AddRetrievalSearch();
        builder.AddRunExecution(connectionString);
        builder.Services.AddSingleton<PromptTemplateService>();
        builder.Services.AddSingleton<Steps.StepAuthoringService>();
        builder.Services.AddSingleton<Metrics.MetricCatalogService>();
        builder.Services.AddSingleton<Judges.JudgeService>();
        builder.Services.AddSingleton<Judges.JudgeAgreementService>();
        builder.Services.AddSingleton<Lifecycle.ArchiveService>();
        builder.Services.AddDashboards();
        builder.AddReviews();
        builder.Services.AddDocumentExtraction();
        builder.AddCollectionsAndIngestion();
        builder.AddMedia();
        builder.AddRetention();
        return builder;
    }
}
