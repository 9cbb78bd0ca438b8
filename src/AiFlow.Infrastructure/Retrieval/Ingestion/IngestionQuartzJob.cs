using Quartz;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>
/// One Quartz job per ingestion job. It requests recovery: if its node dies another node re-fires it, and the executor
/// resumes with the documents not yet committed.
/// </summary>
[DisallowConcurrentExecution]
public sealed class IngestionQuartzJob(IngestionExecutor executor) : IJob
{
    public const string Group = "ingestion";
    public const string JobIdKey = "ingestionJobId";

    public static JobKey KeyFor(Guid jobId) => new(jobId.ToString("N"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var id = Guid.Parse(context.MergedJobDataMap.GetString(JobIdKey)!);
        await executor.ExecuteAsync(id, cancellationToken);
    }

    public static IJobDetail Detail(Guid jobId) => JobBuilder.Create<IngestionQuartzJob>()
        .WithIdentity(KeyFor(jobId))
        .UsingJobData(JobIdKey, jobId.ToString())
        .RequestRecovery()
        .Build();

    // Fire now; after an outage a late trigger still fires once, now (as runs do, ADR 0008).
    public static ITrigger Trigger(Guid jobId) => TriggerBuilder.Create()
        .WithIdentity(jobId.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8], Group)
        .ForJob(KeyFor(jobId))
        .StartNow()
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();
}
