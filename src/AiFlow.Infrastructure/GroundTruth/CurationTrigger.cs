using Quartz;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>Runs the curation job now, on whichever worker node picks it up.</summary>
public sealed class CurationTrigger(ISchedulerFactory schedulers)
{
    public async Task TriggerAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.TriggerJob(CurationJob.Key, cancellationToken);
    }
}
