using Microsoft.Extensions.Logging;
using Quartz;

namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>Curates feedback into ground truth every minute and on demand; one pass at a time across the cluster.</summary>
[DisallowConcurrentExecution]
public sealed partial class CurationJob(GroundTruthCurator curator, ILogger<CurationJob> logger) : IJob
{
    public static readonly JobKey Key = new("curate-ground-truth", "ground-truth");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await curator.CurateAsync(cancellationToken);
        if (result.Total > 0) Log(logger, result.Created, result.Superseded, result.Escalated, result.Skipped, result.Flagged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Curation: {Created} new examples, {Superseded} new versions, {Escalated} escalated, {Skipped} without truth, {Flagged} flagged as failing their schema")]
    private static partial void Log(ILogger logger, int created, int superseded, int escalated, int skipped, int flagged);
}
