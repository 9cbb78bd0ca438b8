using Quartz;

namespace AiFlow.Infrastructure.GroundTruth;

public static class CurationScheduling
{
    /// <summary>Registers the curation job with a once-a-minute cron trigger in the clustered store.</summary>
    public static void AddCurationJob(this IQuartzBuilder quartz)
    {
        quartz.AddJob<CurationJob>(j => j.WithIdentity(CurationJob.Key).StoreDurably().WithDescription("Approved and corrected feedback becomes ground truth."));
        quartz.AddTrigger(t => t.ForJob(CurationJob.Key).WithIdentity("curate-every-minute", CurationJob.Key.Group)
            .WithCronSchedule("0 * * * * ?", c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing)));
    }
}
