using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Inference.Gateway;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Prompts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace AiFlow.Infrastructure;

public static class DependencyInjection
{
    public const string ConnectionStringName = "AiFlow";

    public static IHostApplicationBuilder AddInfrastructure(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"No database configured: set ConnectionStrings__{ConnectionStringName} (./aiflow.sh up does this for you).");

        // Nothing here keeps session state on a pooled connection (SET LOCAL only; LISTEN has an unpooled connection of its
        // own), so the DISCARD ALL Npgsql would send on each reuse is a wasted transaction per query; statements that
        // recur (the engine's, Quartz's) are prepared once per connection instead of parsed and planned each time (ADR 0013).
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64 }.ConnectionString;

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AuditingInterceptor>();
        // One context per operation: Blazor Server circuits outlive any single unit of work.
        builder.Services.AddDbContextFactory<AiFlowDbContext>((sp, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.UseVector())
            .AddInterceptors(sp.GetRequiredService<AuditingInterceptor>()));
        builder.Services.AddScoped<DatabaseInitializer>();
        builder.Services.AddSharedKeyRing();
        builder.AddInferenceGateway();
        builder.AddRunExecution(connectionString);
        builder.Services.AddSingleton<PromptTemplateService>();
        builder.Services.AddSingleton<Steps.StepAuthoringService>();
        builder.Services.AddDashboards();
        builder.AddReviews();
        return builder;
    }
}
