using AiFlow.Domain.Runs;
using Microsoft.Extensions.Logging;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>Fired by a pipeline's cron trigger: starts a run of the active version with the schedule's input (<c>{}</c> for triggers made before it had one).</summary>
[DisallowConcurrentExecution]
public sealed class ScheduledRunJob(RunLauncher launcher, ILogger<ScheduledRunJob> logger) : IJob
{
    public const string Group = "schedules";
    public const string PipelineKey = "pipelineKey";
    public const string Input = "input";

    public static JobKey KeyFor(string pipelineKey) => new(pipelineKey, Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var key = context.MergedJobDataMap.GetString(PipelineKey)!;
        var input = context.MergedJobDataMap.ContainsKey(Input) ? context.MergedJobDataMap.GetString(Input) ?? "{}" : "{}";
        var result = await launcher.LaunchAsync(key, input, RunTrigger.Schedule, "schedule", null, cancellationToken);
        if (result.Outcome != LaunchOutcome.Started)
        {
            logger.LogWarning("Scheduled run of {Pipeline} not started: {Reason}", key, result.Message);
        }
    }
}
