using Microsoft.EntityFrameworkCore.Storage;
using Quartz;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>Puts an ingestion job into the clustered Quartz store in the caller's transaction: the documents and their job commit together.</summary>
public sealed class IngestionScheduler(ISchedulerFactory schedulers)
{
    /// <summary>Schedules job <paramref name="jobId"/> enlisted in <paramref name="transaction"/> and commits it; the enlistment ends after the commit so Quartz wakes up to the new job.</summary>
    public async Task ScheduleAndCommitAsync(Guid jobId, IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        using (scheduler.EnlistTransaction(transaction.GetDbTransaction()))
        {
            await scheduler.ScheduleJob(IngestionQuartzJob.Detail(jobId), [IngestionQuartzJob.Trigger(jobId)], new ScheduleJobOptions { Replace = true }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
