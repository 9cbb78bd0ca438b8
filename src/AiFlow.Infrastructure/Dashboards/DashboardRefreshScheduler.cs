using Microsoft.Extensions.Hosting;
using Quartz;

namespace AiFlow.Infrastructure.Dashboards;

/// <summary>Puts the minutely refresh job into the clustered job store (replacing any older definition); a worker node runs it.</summary>
public sealed class DashboardRefreshScheduler(ISchedulerFactory schedulers, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<DashboardRefreshJob>().WithIdentity(DashboardRefreshJob.Key).StoreDurably().Build();
        var trigger = TriggerBuilder.Create().ForJob(DashboardRefreshJob.Key).WithIdentity("dashboard-refresh", "aiflow")
            .StartAt(clock.GetUtcNow().AddSeconds(30))
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever().MeasureIntervalFromCompletion(true))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
