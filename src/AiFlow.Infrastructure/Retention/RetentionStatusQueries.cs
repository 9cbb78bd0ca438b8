using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace AiFlow.Infrastructure.Retention;

/// <summary>Reads the retention status. The next run is worked out from the cron in force, which is what the trigger follows.</summary>
public sealed class RetentionStatusQueries(
    IDbContextFactory<AiFlowDbContext> contexts, RequestLogPartitions partitions, StepRunTextPartitions texts, IOptionsMonitor<RetentionOptions> options, TimeProvider clock)
{
    public async Task<RetentionStatus> LoadAsync(CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(cancellationToken);
        var next = CronExpression.TryParse(policy.Schedule, out var cron)
            ? cron!.WithTimeZone(TimeZoneInfo.Utc).GetNextValidTimeAfter(clock.GetUtcNow())
            : null;
        var months = await partitions.MonthsAsync(cancellationToken);
        var textMonths = await texts.MonthsAsync(cancellationToken);
        return new RetentionStatus(RetentionPolicy.Of(policy), last, next, [.. months.Select(partitions.NameOf)], [.. textMonths.Select(texts.NameOf)]);
    }
}
