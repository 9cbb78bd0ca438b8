using AiFlow.Domain.Runs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>Fired by a pipeline's cron trigger: starts a run of the active version with an empty input.</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledRunJob(RunLauncher launcher, ILogger<ScheduledRunJob> logger) : IJob
{
    public const string Group = "schedules";
    public const string PipelineKey = "pipelineKey";

    public static JobKey KeyFor(string pipelineKey) => new(pipelineKey, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.MergedJobDataMap.GetString(PipelineKey)!;
        var result = await launcher.LaunchAsync(key, "{}", RunTrigger.Schedule, "schedule", null, cancellationToken);
        if (result.Outcome != LaunchOutcome.Started)
        {
            logger.LogWarning("Scheduled run of {Pipeline} not started: {Reason}", key, result.Message);
        }
    }
}
