using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// Puts the retention job into the clustered job store on <see cref="RetentionOptions.Schedule"/> (replacing any older
/// definition), and moves its trigger when the setting changes at run time; a worker node runs it.
/// </summary>
public sealed class RetentionScheduler(ISchedulerFactory schedulers, IOptionsMonitor<RetentionOptions> options, ILogger<RetentionScheduler> logger)
    : IHostedService, IDisposable
{
    private IDisposable? subscription;
    private string? scheduled;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ScheduleAsync(options.CurrentValue.Schedule, cancellationToken);
        subscription = options.OnChange(changed => _ = RescheduleAsync(changed.Schedule));
    }

    public static ITrigger TriggerFor(string cron) => TriggerBuilder.Create().ForJob(RetentionJob.Key).WithIdentity(RetentionJob.Trigger)
        .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
        .Build();

    private async Task ScheduleAsync(string cron, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<RetentionJob>().WithIdentity(RetentionJob.Key).StoreDurably()
            .WithDescription("Purges data past its retention and keeps request-log partitions ahead.").Build();
        await scheduler.ScheduleJob(job, [TriggerFor(cron)], new ScheduleJobOptions { Replace = true }, cancellationToken);
        scheduled = cron;
    }

    private async Task RescheduleAsync(string cron)
    {
        if (cron == scheduled) return;
        if (!CronExpression.TryParse(cron, out _))
        {
            logger.LogWarning("Retention schedule '{Schedule}' is not a cron expression; keeping '{Current}'", cron, scheduled);
            return;
        }
        try
        {
            await ScheduleAsync(cron, CancellationToken.None);
            logger.LogInformation("Retention now runs on '{Schedule}'", cron);
        }
        catch (Exception e)
        {
            // A change notification has nobody to throw to: log it, the old trigger stays.
            logger.LogError(e, "Could not move the retention job to '{Schedule}'", cron);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => subscription?.Dispose();
}
