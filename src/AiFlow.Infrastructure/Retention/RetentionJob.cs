using Quartz;

namespace AiFlow.Infrastructure.Retention;

/// <summary>On the schedule of <see cref="RetentionOptions.Schedule"/>, on one node of the Quartz cluster: one retention pass.</summary>
[DisallowConcurrentExecution]
public sealed class RetentionJob(RetentionPurger purger) : IJob
{
    public static readonly JobKey Key = new("retention", "aiflow");
    public static readonly TriggerKey Trigger = new("retention", "aiflow");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await purger.PurgeAsync(cancellationToken);
}
