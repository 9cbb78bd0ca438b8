using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// The claim query: the oldest open item with a free slot the reviewer has not taken, row-locked, skipping locked rows.
/// A decided claim is never released, so "live or decided" is <c>released_at IS NULL AND (...)</c>, which the partial
/// unique indexes on review_claims answer; the partial index on open items gives the order without a sort.
/// </summary>
internal static class ClaimSql
{
    public static string Build(ReviewQueueFilter filter)
    {
        var sql = new StringBuilder("""
            SELECT i.id AS "Value"
            FROM review_items i
            WHERE i.status IN ('Pending', 'InReview')
              AND (SELECT count(*) FROM review_claims c
                   WHERE c.review_item_id = i.id AND c.released_at IS NULL AND (c.decided_at IS NOT NULL OR c.lease_expires_at > @now)) < i.reviewers_needed
              AND NOT EXISTS (SELECT 1 FROM review_claims c
                   WHERE c.review_item_id = i.id AND c.reviewer_id = @reviewer
                     AND c.released_at IS NULL AND (c.decided_at IS NOT NULL OR c.lease_expires_at > @now))
              AND NOT (i.id = ANY(@skip))
            """);
        if (filter.StepVersionId is not null) sql.Append("\n  AND i.step_version_id = @step");
        if (filter.Reason is not null) sql.Append("\n  AND i.reason = @reason");
        if (filter.PipelineDefinitionId is not null) sql.Append("\n  AND EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.id = i.pipeline_run_id AND r.pipeline_definition_id = @pipeline)");
        sql.Append("\nORDER BY i.created_at, i.id\nLIMIT 1\nFOR UPDATE OF i SKIP LOCKED");
        return sql.ToString();
    }

    public static object[] Parameters(string reviewerId, DateTimeOffset now, ReviewQueueFilter filter)
    {
        var parameters = new List<object>
        {
            new NpgsqlParameter("reviewer", NpgsqlDbType.Text) { Value = reviewerId },
            new NpgsqlParameter("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime },
            new NpgsqlParameter("skip", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = filter.Skip.ToArray() },
        };
        if (filter.StepVersionId is { } step) parameters.Add(new NpgsqlParameter("step", NpgsqlDbType.Uuid) { Value = step });
        if (filter.Reason is { } reason) parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = reason.ToString() });
        if (filter.PipelineDefinitionId is { } pipeline) parameters.Add(new NpgsqlParameter("pipeline", NpgsqlDbType.Uuid) { Value = pipeline });
        return [.. parameters];
    }
}
