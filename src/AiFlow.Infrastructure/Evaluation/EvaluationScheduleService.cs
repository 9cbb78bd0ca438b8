using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Inference.Security;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Infrastructure.Runs.Scheduling;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace AiFlow.Infrastructure.Evaluation;

/// <summary>Keeps a pipeline's evaluation schedule and its Quartz cron trigger in step; the trigger lives in the clustered store.</summary>
public sealed class EvaluationScheduleService(IDbContextFactory<AiFlowDbContext> contexts, ISchedulerFactory schedulers, SsrfGuard ssrf, TimeProvider clock)
{
    public async Task<EvaluationSchedule?> GetAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.EvaluationSchedules.AsNoTracking().FirstOrDefaultAsync(s => db.PipelineDefinitions.Any(p => p.Id == s.PipelineDefinitionId && p.Key == pipelineKey), cancellationToken);
    }

    /// <summary>Sets (or with an empty cron, removes) the schedule. Returns the problem and its field, or null when applied.</summary>
    public async Task<(string? Problem, string? Pointer, bool NotFound)> SetAsync(string pipelineKey, string? cron, string? webhookUrl, string? user, CancellationToken cancellationToken)
    {
        // Evaluation schedules fire in UTC (the trigger names no zone).
        if (!string.IsNullOrWhiteSpace(cron) && ScheduleFireTimes.Problem(cron, TimeZoneInfo.Utc, clock.GetUtcNow()) is { } bad) return (bad, "/cron", false);
        if (!string.IsNullOrWhiteSpace(webhookUrl) && (!Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            return ("webhookUrl must be an absolute http or https URL.", "/webhookUrl", false);
        }
        // The same rule as an endpoint's base URL: no private, loopback or metadata address unless allow-listed.
        if (!string.IsNullOrWhiteSpace(webhookUrl) && await ssrf.CheckUrlAsync(webhookUrl.Trim(), cancellationToken) is { } refused) return (refused, "/webhookUrl", false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.AsNoTracking().Where(p => p.Key == pipelineKey).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (pipeline is null) return ($"There is no pipeline '{pipelineKey}'.", null, true);
        var schedule = await db.EvaluationSchedules.FirstOrDefaultAsync(s => s.PipelineDefinitionId == pipeline, cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(ScheduledEvaluationJob.KeyFor(pipelineKey), cancellationToken);
        if (string.IsNullOrWhiteSpace(cron))
        {
            if (schedule is not null) db.EvaluationSchedules.Remove(schedule);
            await db.SaveChangesAsync(cancellationToken);
            return (null, null, false);
        }
        if (schedule is null)
        {
            schedule = new EvaluationSchedule { PipelineDefinitionId = pipeline.Value };
            db.EvaluationSchedules.Add(schedule);
        }
        schedule.Cron = cron.Trim();
        schedule.WebhookUrl = string.IsNullOrWhiteSpace(webhookUrl) ? null : webhookUrl.Trim();
        schedule.UpdatedAt = clock.GetUtcNow();
        schedule.UpdatedBy = user;
        await db.SaveChangesAsync(cancellationToken);
        var job = JobBuilder.Create<ScheduledEvaluationJob>().WithIdentity(ScheduledEvaluationJob.KeyFor(pipelineKey)).UsingJobData(ScheduledEvaluationJob.PipelineKey, pipelineKey).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(pipelineKey, ScheduledEvaluationJob.Group).ForJob(job)
            .WithCronSchedule(schedule.Cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        return (null, null, false);
    }
}
