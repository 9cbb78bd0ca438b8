using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>Puts a run's job into the clustered Quartz store; any worker node may then execute it.</summary>
public sealed class RunScheduler(ISchedulerFactory schedulers)
{
    public async Task ScheduleAsync(Guid runId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RunPipelineJob>()
            .WithIdentity(RunPipelineJob.KeyFor(runId))
            .UsingJobData(RunPipelineJob.RunIdKey, runId.ToString())
            .RequestRecovery()
            .Build();
        // Fire now; after an outage a late trigger still fires once, now (ADR 0008).
        var trigger = TriggerBuilder.Create()
            .WithIdentity(runId.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8], RunPipelineJob.Group)
            .ForJob(job)
            .StartNow()
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
