using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Runs.Execution;
using AiFlow.Infrastructure.Runs.Execution.Kinds;
using AiFlow.Infrastructure.Runs.Scheduling;
using AiFlow.Infrastructure.Schemas;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace AiFlow.Infrastructure.Runs;

public static class RunsDependencyInjection
{
    /// <summary>
    /// Quartz on its PostgreSQL job store, clustered: every node can schedule runs; only worker nodes start the
    /// scheduler and execute them (AiFlow:Execution:Role = web | worker | both).
    /// </summary>
    public static IHostApplicationBuilder AddRunExecution(this IHostApplicationBuilder builder, string connectionString)
    {
        var services = builder.Services;
        services.AddOptions<ExecutionOptions>().Bind(builder.Configuration.GetSection(ExecutionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IrValidationOptions>().Bind(builder.Configuration.GetSection(IrValidationOptions.Section));
        services.AddOptions<ValidationOptions>().Bind(builder.Configuration.GetSection(ValidationOptions.Section));
        services.AddSingleton<IrValidationService>();
        services.AddSingleton<IrSchemaService>();
        services.AddSingleton<PromptRenderer>();
        services.AddSingleton<RunLoader>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunCommitBatcher>();
        services.AddStepKinds();
        services.AddSingleton<RunLeaseKeeper>();
        services.AddSingleton<RunScheduler>();
        services.AddSingleton<RunLauncher>();
        services.AddSingleton<RunOperations>();
        services.AddSingleton<PipelineScheduleService>();
        services.AddSingleton<RunProgressNotifier>();
        services.AddOptions<EvaluationOptions>().Bind(builder.Configuration.GetSection(EvaluationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EvaluationExecutor>();
        services.AddSingleton<EvaluationService>();
        services.AddSingleton<GateService>();
        services.AddSingleton<EvaluationScheduleService>();
        services.AddSingleton<RegressionWebhook>();
        // A webhook URL is an address an Admin typed, as an endpoint's is: it connects only where the SSRF guard allows.
        services.AddHttpClient(RegressionWebhook.ClientName).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            ConnectCallback = sp.GetRequiredService<SsrfGuard>().ConnectAsync,
            AllowAutoRedirect = false,
            UseProxy = false,
        });
        services.AddHostedService<RunProgressListener>();

        var execution = builder.Configuration.GetSection(ExecutionOptions.Section).Get<ExecutionOptions>() ?? new ExecutionOptions();
        var properties = new System.Collections.Specialized.NameValueCollection
        {
            ["quartz.scheduler.instanceName"] = "aiflow",
            // Each node gets a unique id, which clustering needs to tell the nodes apart.
            ["quartz.scheduler.instanceId"] = "AUTO",
        };
        services.AddQuartz(properties, q =>
        {
            q.UseDefaultThreadPool(execution.WorkerThreads);
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                // Check-ins are most of an idle worker's queries (3 transactions each); reclaim after a crash waits
                // up to interval + threshold + one survivor interval (ADR 0013).
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(execution.CheckinSeconds);
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(execution.CheckinMisfireSeconds);
                });
                // Lets a launch write its run and schedule its job in one transaction (RunScheduler.ScheduleAndCommitAsync).
                store.ConfigureStore(o => o.AcceptEnlistedTransactions = true);
                store.ProvisionSchema();
            });
            q.AddCurationJob();
        });
        services.AddQuartzHostedService(o =>
        {
            o.WaitForJobsToComplete = false;
            // A web-only node schedules into the shared store but never executes.
            o.AutoStart = execution.ExecutesRuns;
        });
        return builder;
    }
}
