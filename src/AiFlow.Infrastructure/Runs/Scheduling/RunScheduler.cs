using Microsoft.EntityFrameworkCore.Storage;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>Puts a run's job into the clustered Quartz store; any worker node may then execute it.</summary>
public sealed class RunScheduler(ISchedulerFactory schedulers)
{
    public async Task ScheduleAsync(Guid runId, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.ScheduleJob(Job(runId), [Trigger(runId)], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    /// <summary>
    /// Schedules the run's job in the caller's transaction and commits it: the run's rows and its job are stored
    /// together or not at all, in one commit. The enlistment ends after the commit so Quartz wakes up to the new job.
    /// </summary>
    public async Task ScheduleAndCommitAsync(Guid runId, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        using (scheduler.EnlistTransaction(transaction.GetDbTransaction()))
        {
            await scheduler.ScheduleJob(Job(runId), [Trigger(runId)], new ScheduleJobOptions { Replace = true }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    private static IJobDetail Job(Guid runId) => JobBuilder.Create<RunPipelineJob>()
        .WithIdentity(RunPipelineJob.KeyFor(runId))
        .UsingJobData(RunPipelineJob.RunIdKey, runId.ToString())
        .RequestRecovery()
        .Build();

    // Fire now; after an outage a late trigger still fires once, now (ADR 0008).
    private static ITrigger Trigger(Guid runId) => TriggerBuilder.Create()
        .WithIdentity(runId.ToString("N") + "-" + Guid.NewGuid().ToString("N")[..8], RunPipelineJob.Group)
        .ForJob(RunPipelineJob.KeyFor(runId))
        .StartNow()
        .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
        .Build();
}
