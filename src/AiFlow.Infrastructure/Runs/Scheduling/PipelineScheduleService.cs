using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>Keeps a pipeline's cron schedule and its Quartz cron trigger in step; the trigger lives in the clustered store.</summary>
public sealed class PipelineScheduleService(IDbContextFactory<AiFlowDbContext> contexts, ISchedulerFactory schedulers)
{
    /// <returns>An error message, or null when the schedule was applied.</returns>
    public async Task<string?> SetAsync(string pipelineKey, string? cron, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(cron) && !CronExpression.TryParse(cron, out _))
        {
            return $"'{cron}' is not a valid Quartz cron expression (seconds minutes hours day-of-month month day-of-week, e.g. '0 0/15 * * * ?').";
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == pipelineKey, cancellationToken);
        if (pipeline is null) return $"There is no pipeline '{pipelineKey}'.";
        pipeline.CronSchedule = string.IsNullOrWhiteSpace(cron) ? null : cron.Trim();
        await db.SaveChangesAsync(cancellationToken);

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = ScheduledRunJob.KeyFor(pipelineKey);
        await scheduler.DeleteJob(jobKey, cancellationToken);
        if (pipeline.CronSchedule is null) return null;
        var job = JobBuilder.Create<ScheduledRunJob>().WithIdentity(jobKey).UsingJobData(ScheduledRunJob.PipelineKey, pipelineKey).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(pipelineKey, ScheduledRunJob.Group).ForJob(job)
            .WithCronSchedule(pipeline.CronSchedule, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        return null;
    }
}
