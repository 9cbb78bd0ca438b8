using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Runs.Scheduling;
using AiFlow.Infrastructure.Schemas;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AiFlow.Tests.Support;

/// <summary>The review and ground-truth services wired to a test database and a chosen clock, without a web host or a running scheduler.</summary>
public sealed class ReviewTestHost : IAsyncDisposable
{
    private readonly ServiceProvider provider;

    public ReviewTestHost(TestDatabase database, TimeProvider clock, string? validationMode = null, double agreementThreshold = 0.6)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddAiFlowDatabase(database.ConnectionString);
        services.AddOptions<IrValidationOptions>().Configure(o => o.Mode = validationMode);
        services.AddOptions<ReviewOptions>().Configure(o => o.AgreementThreshold = agreementThreshold);
        services.AddSingleton<IrValidationService>();
        // Never started: items here are not human-review nodes unless a test says so, and then it only schedules.
        services.AddSingleton<ISchedulerFactory>(new NoSchedulerFactory());
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<ReviewDecisionWriter>();
        services.AddSingleton<ReviewQueueService>();
        services.AddSingleton<GroundTruthCurator>();
        services.AddSingleton<GroundTruthService>();
        services.AddSingleton<GroundTruthSchemaAudit>();
        services.AddSingleton<DatasetService>();
        provider = services.BuildServiceProvider();
    }

    public ReviewQueueService Queue => provider.GetRequiredService<ReviewQueueService>();
    public ReviewDecisionWriter Decisions => provider.GetRequiredService<ReviewDecisionWriter>();
    public GroundTruthCurator Curator => provider.GetRequiredService<GroundTruthCurator>();
    public GroundTruthService GroundTruth => provider.GetRequiredService<GroundTruthService>();
    public GroundTruthSchemaAudit Audit => provider.GetRequiredService<GroundTruthSchemaAudit>();
    public DatasetService Datasets => provider.GetRequiredService<DatasetService>();

    public ValueTask DisposeAsync() => provider.DisposeAsync();
}
