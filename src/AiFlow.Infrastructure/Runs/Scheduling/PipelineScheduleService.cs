using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>
/// Keeps a pipeline's run schedule (cron, time zone, enabled, input) and its Quartz cron trigger in step; the trigger
/// lives in the clustered store. A refused change names its field and changes nothing; a disabled schedule is kept
/// without a trigger; an archived pipeline's schedule cannot be enabled (ADR 0032).
/// </summary>
public sealed class PipelineScheduleService(IDbContextFactory<AiFlowDbContext> contexts, ISchedulerFactory schedulers, TimeProvider clock)
{
    public async Task<PipelineScheduleView?> GetAsync(string pipelineKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var p = await db.PipelineDefinitions.AsNoTracking().Where(p => p.Key == pipelineKey)
            .Select(p => new { p.CronSchedule, p.ScheduleTimeZone, p.SchedulePaused, p.ScheduleInputJson, p.ArchivedAt }).FirstOrDefaultAsync(cancellationToken);
        if (p is null) return null;
        var zoneId = string.IsNullOrWhiteSpace(p.ScheduleTimeZone) ? ScheduleFireTimes.DefaultZone : p.ScheduleTimeZone;
        var enabled = p.CronSchedule is not null && !p.SchedulePaused;
        var next = enabled && ScheduleFireTimes.Zone(zoneId) is { } zone && ScheduleFireTimes.Problem(p.CronSchedule!) is null
            ? ScheduleFireTimes.Next(p.CronSchedule!, zone, clock.GetUtcNow())
            : [];
        return new PipelineScheduleView(p.CronSchedule, zoneId, !p.SchedulePaused, p.ScheduleInputJson ?? "{}", p.ArchivedAt is not null, next);
    }

    /// <summary>Only the cron, as the API first took it: UTC, enabled, empty input.</summary>
    public Task<ScheduleWriteResult> SetAsync(string pipelineKey, string? cron, CancellationToken cancellationToken) =>
        SetAsync(pipelineKey, new PipelineScheduleSettings(cron, null, true, null), cancellationToken);

    public async Task<ScheduleWriteResult> SetAsync(string pipelineKey, PipelineScheduleSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var cron = string.IsNullOrWhiteSpace(settings.Cron) ? null : settings.Cron.Trim();
        if (cron is not null && ScheduleFireTimes.Problem(cron) is { } bad) return ScheduleWriteResult.Refused("/cron", bad);
        var zoneId = string.IsNullOrWhiteSpace(settings.TimeZone) ? ScheduleFireTimes.DefaultZone : settings.TimeZone.Trim();
        var zone = ScheduleFireTimes.Zone(zoneId);
        if (zone is null) return ScheduleWriteResult.Refused("/timeZone", $"'{zoneId}' is not a time zone this server knows; use an IANA id such as Europe/Paris.");
        if (cron is not null && ScheduleFireTimes.Problem(cron, zone, clock.GetUtcNow()) is { } never) return ScheduleWriteResult.Refused("/cron", never);
        var input = string.IsNullOrWhiteSpace(settings.InputJson) ? "{}" : settings.InputJson;
        try
        {
            if (JsonNode.Parse(input) is not JsonObject) return ScheduleWriteResult.Refused("/input", "The input must be a JSON object, e.g. {} or {\"text\": \"...\"}.");
        }
        catch (JsonException ex)
        {
            return ScheduleWriteResult.Refused("/input", $"The input is not JSON: {ex.Message}");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var pipeline = await db.PipelineDefinitions.FirstOrDefaultAsync(p => p.Key == pipelineKey, cancellationToken);
        if (pipeline is null) return new ScheduleWriteResult($"There is no pipeline '{pipelineKey}'.", null, true);
        if (cron is not null && settings.Enabled && pipeline.ArchivedAt is not null)
        {
            return ScheduleWriteResult.Refused("/enabled", $"Pipeline '{pipelineKey}' is archived: restore it before enabling its schedule.");
        }
        // The run would be refused at every firing: say so now, at the field, instead of in the log at 06:00. A schedule
        // being cleared or switched off runs nothing, so its input is checked when it is switched on again.
        if (cron is not null && settings.Enabled && PipelineInputCheck.For(pipeline.InputSchemaJson)?.Errors(input) is { Count: > 0 } errors)
        {
            return ScheduleWriteResult.Refused("/input", PipelineInputCheck.Describe(errors));
        }
        pipeline.CronSchedule = cron;
        pipeline.ScheduleTimeZone = zoneId;
        pipeline.SchedulePaused = !settings.Enabled;
        pipeline.ScheduleInputJson = input;
        await db.SaveChangesAsync(cancellationToken);

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobKey = ScheduledRunJob.KeyFor(pipelineKey);
        await scheduler.DeleteJob(jobKey, cancellationToken);
        if (cron is null || pipeline.SchedulePaused) return ScheduleWriteResult.Applied;
        var job = JobBuilder.Create<ScheduledRunJob>().WithIdentity(jobKey)
            .UsingJobData(ScheduledRunJob.PipelineKey, pipelineKey).UsingJobData(ScheduledRunJob.Input, input).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(pipelineKey, ScheduledRunJob.Group).ForJob(job)
            .WithCronSchedule(cron, c => c.InTimeZone(zone).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)).Build();
        await scheduler.ScheduleJob(job, new List<ITrigger> { trigger }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        return ScheduleWriteResult.Applied;
    }
}
