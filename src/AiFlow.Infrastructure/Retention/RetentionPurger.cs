using AiFlow.Domain.Retention;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Media;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// One retention pass (ADR 0038): keeps the monthly partitions of request logs and step texts ahead, brings the
/// dashboard rollups up to date so the totals of the periods it purges stay counted, drops the months of step texts
/// and request logs wholly past their TTL, then clears what is left of raw responses and rendered prompts past it,
/// deletes the IR of successful steps and old request logs, in batches of one short transaction each. Step runs and pipeline runs
/// themselves are never deleted, and nothing of a run that ground truth, feedback, gold labels or an open review
/// item points at is touched. Media past their TTL are marked deleted unless ground truth or an open run names them
/// (<see cref="RetentionSql.Media"/>), and their bytes go when no live asset shares them. The policy is read afresh at
/// every pass.
/// </summary>
public sealed class RetentionPurger(
    IDbContextFactory<AiFlowDbContext> contexts,
    DashboardRollups rollups,
    RequestLogPartitions partitions,
    StepRunTextPartitions texts,
    IMediaStorage mediaStorage,
    IOptionsMonitor<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionPurger> logger)
{
    public async Task<RetentionRun> PurgeAsync(CancellationToken cancellationToken)
    {
        var policy = options.CurrentValue;
        var now = clock.GetUtcNow();
        var run = new RetentionRun { StartedAt = now };
        try
        {
            var requestLogCutoff = Cutoff(now, policy.RequestLogsDays);
            run.RequestLogPartitionsCreated = await partitions.EnsureAsync(now, requestLogCutoff, cancellationToken);
            var (rawCutoff, promptCutoff) = (Cutoff(now, policy.RawResponsesDays), Cutoff(now, policy.RenderedPromptsDays));
            // A month of texts holds both kinds: it goes whole only once it is past both TTLs (the earlier cutoff).
            DateTimeOffset? textCutoff = rawCutoff is { } r && promptCutoff is { } p ? (r < p ? r : p) : null;
            run.StepTextPartitionsCreated = await texts.EnsureAsync(now, textCutoff, cancellationToken);

            if (policy.RawResponsesDays is not null || policy.RenderedPromptsDays is not null || policy.SuccessfulIrArtifactsDays is not null)
            {
                // The rollups count IR validity from ir_artifacts: hours not yet rolled up are counted before their IR goes.
                await rollups.RefreshAsync(cancellationToken);
            }
            if (textCutoff is { } wholeMonths)
            {
                var (dropped, counts) = await texts.DropBeforeAsync(wholeMonths, cancellationToken);
                run.StepTextPartitionsDropped = dropped;
                if (counts.Length == 2) (run.RawResponses, run.RenderedPrompts) = (counts[0], counts[1]);
            }
            run.RawResponses += await WalkStepRunsAsync(RetentionSql.RawResponses, rawCutoff, policy.BatchSize, cancellationToken);
            run.RenderedPrompts += await WalkStepRunsAsync(RetentionSql.RenderedPrompts, promptCutoff, policy.BatchSize, cancellationToken);
            run.IrArtifacts = await WalkStepRunsAsync(RetentionSql.SuccessfulIrArtifacts, Cutoff(now, policy.SuccessfulIrArtifactsDays), policy.BatchSize, cancellationToken);

            if (requestLogCutoff is { } cutoff)
            {
                var (dropped, rows) = await partitions.DropBeforeAsync(cutoff, cancellationToken);
                run.RequestLogPartitionsDropped = dropped;
                run.RequestLogs = rows.Sum() + await DeleteRequestLogsAsync(cutoff, policy.BatchSize, cancellationToken);
            }
            run.MediaAssets = await PurgeMediaAsync(Cutoff(now, policy.MediaDays), now, policy.BatchSize, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What was purged stays purged (each batch committed); the run records how far it got and why it stopped.
            logger.LogError(e, "Retention pass failed");
            run.Error = e.Message;
        }
        run.FinishedAt = clock.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            db.RetentionRuns.Add(run);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        RetentionTelemetry.Record(run);
        logger.LogInformation(
            "Retention: {RawResponses} raw responses, {RenderedPrompts} rendered prompts ({TextPartitions} partitions), {IrArtifacts} IR artifacts, {RequestLogs} request logs ({Partitions} partitions), {MediaAssets} media assets purged",
            run.RawResponses, run.RenderedPrompts, run.StepTextPartitionsDropped, run.IrArtifacts, run.RequestLogs, run.RequestLogPartitionsDropped, run.MediaAssets);
        return run;
    }

    private static DateTimeOffset? Cutoff(DateTimeOffset now, int? days) => days is { } d ? now.AddDays(-d) : null;

    /// <summary>Runs one of <see cref="RetentionSql"/>'s step-run statements batch after batch until it takes fewer than a batch.</summary>
    private async Task<long> WalkStepRunsAsync(string sql, DateTimeOffset? cutoff, int batchSize, CancellationToken cancellationToken)
    {
        if (cutoff is null) return 0;
        var (afterAt, afterId, purged) = (DateTimeOffset.UnixEpoch, Guid.Empty, 0L);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        while (true)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("cutoff", cutoff.Value);
            command.Parameters.AddWithValue("after_at", afterAt);
            command.Parameters.AddWithValue("after_id", afterId);
            command.Parameters.AddWithValue("batch", batchSize);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken)) return purged;
            purged += reader.GetInt64(0);
            var taken = reader.GetInt64(1);
            (afterAt, afterId) = (reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3));
            if (taken < batchSize) return purged;
        }
    }

    /// <summary>
    /// Marks old uploads nothing names deleted, batch after batch (<see cref="RetentionSql.Media"/>); after each batch is
    /// committed, removes the bytes of its storage keys that no live asset still uses.
    /// </summary>
    private async Task<long> PurgeMediaAsync(DateTimeOffset? cutoff, DateTimeOffset now, int batchSize, CancellationToken cancellationToken)
    {
        if (cutoff is null) return 0;
        var (afterAt, afterId, purged) = (DateTimeOffset.UnixEpoch, Guid.Empty, 0L);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        while (true)
        {
            string[] keys;
            long taken;
            await using (var command = new NpgsqlCommand(RetentionSql.Media, connection))
            {
                command.Parameters.AddWithValue("cutoff", cutoff.Value);
                command.Parameters.AddWithValue("now", now);
                command.Parameters.AddWithValue("after_at", afterAt);
                command.Parameters.AddWithValue("after_id", afterId);
                command.Parameters.AddWithValue("batch", batchSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                if (!await reader.ReadAsync(cancellationToken)) return purged;
                purged += reader.GetInt64(0);
                taken = reader.GetInt64(1);
                (afterAt, afterId) = (reader.GetFieldValue<DateTimeOffset>(2), reader.GetGuid(3));
                keys = reader.GetFieldValue<string[]>(4);
            }
            await MediaBytes.RemoveUnsharedAsync(db, mediaStorage, keys, cancellationToken);
            if (taken < batchSize) return purged;
        }
    }

    private async Task<long> DeleteRequestLogsAsync(DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        var deleted = 0L;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        while (true)
        {
            var rows = await db.Database.ExecuteSqlRawAsync(RetentionSql.RequestLogs,
                [new NpgsqlParameter("cutoff", cutoff), new NpgsqlParameter("batch", batchSize)], cancellationToken);
            deleted += rows;
            if (rows < batchSize) return deleted;
        }
    }
}
