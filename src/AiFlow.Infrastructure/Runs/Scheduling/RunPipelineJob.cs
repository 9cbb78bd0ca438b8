using AiFlow.Infrastructure.Runs.Execution;
using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>One Quartz job per run. It requests recovery, so if its node dies another node of the cluster re-fires it.</summary>
[DisallowConcurrentExecution]
public sealed class RunPipelineJob(RunExecutor executor) : IJob
{
    public const string Group = "runs";
    public const string RunIdKey = "runId";

    public static JobKey KeyFor(Guid runId) => new(runId.ToString("N"), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse(context.MergedJobDataMap.GetString(RunIdKey)!);
        await executor.ExecuteAsync(runId, cancellationToken);
    }
}
