using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// A claim as one statement, so it costs one round trip and one commit:
/// <list type="number">
/// <item><c>held</c>: the reviewer's own live, undecided claim (a reload gets the same item back);</item>
/// <item><c>candidate</c>: otherwise the oldest open item with a free slot the reviewer has not taken, row-locked with
/// <c>FOR UPDATE SKIP LOCKED</c> (plain <c>FOR UPDATE</c> for one named item) so parallel claimers pass each other;</item>
/// <item><c>expired</c>: its expired leases are released, and <c>free</c> reads only after that (the aggregate over
/// <c>expired</c> forces the order), so the insert below does not collide with a lease that just lapsed;</item>
/// <item><c>claimed</c>: the lowest free slot is inserted with the step version's lease; <c>started</c> marks the item InReview.</item>
/// </list>
/// The statement's snapshot may miss a claim committed just before the row lock was granted. The partial unique indexes
/// on review_claims see it anyway: the insert does nothing and the row comes back with a null slot, which tells the
/// caller to try again with a fresh snapshot. No row at all means nothing is open for this reviewer.
/// Columns: item id, slot, lease minutes (new claim) or lease expiry (held claim).
/// </summary>
internal static class ClaimSql
{
    public static string Build(ReviewQueueFilter filter, bool oneItem)
    {
        var items = new StringBuilder("NOT (i.id = ANY(@skip))");
        if (oneItem) items.Append(" AND i.id = @item");
        if (filter.StepVersionId is not null) items.Append(" AND i.step_version_id = @step");
        if (filter.Reason is not null) items.Append(" AND (i.reason = @reason OR @reason = ANY(i.reasons))");
        if (filter.PipelineDefinitionId is not null) items.Append(" AND EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.id = i.pipeline_run_id AND r.pipeline_definition_id = @pipeline)");
        var lockRow = oneItem ? "FOR UPDATE OF i" : "FOR UPDATE OF i SKIP LOCKED";
        return $"""
            WITH held AS (
                SELECT c.review_item_id AS item_id, c.slot, c.lease_expires_at
                FROM review_claims c JOIN review_items i ON i.id = c.review_item_id
                WHERE c.reviewer_id = @reviewer AND c.released_at IS NULL AND c.decided_at IS NULL AND c.lease_expires_at > @now
                  AND {items}
                ORDER BY c.claimed_at
                LIMIT 1
            ),
            candidate AS MATERIALIZED (
                SELECT i.id, i.reviewers_needed, i.step_version_id
                FROM review_items i
                WHERE NOT EXISTS (SELECT 1 FROM held)
                  AND i.status IN ('Pending', 'InReview')
                  AND {items}
                  AND (SELECT count(*) < i.reviewers_needed AND NOT coalesce(bool_or(c.reviewer_id = @reviewer), false)
                       FROM review_claims c
                       WHERE c.review_item_id = i.id AND c.released_at IS NULL AND (c.decided_at IS NOT NULL OR c.lease_expires_at > @now))
                ORDER BY i.created_at, i.id
                LIMIT 1
                {lockRow}
            ),
            expired AS (
                UPDATE review_claims c SET released_at = @now
                FROM candidate
                WHERE c.review_item_id = candidate.id AND c.released_at IS NULL AND c.decided_at IS NULL AND c.lease_expires_at <= @now
                RETURNING c.id
            ),
            free AS MATERIALIZED (
                SELECT candidate.id AS item_id,
                       (SELECT min(s) FROM generate_series(0, greatest(candidate.reviewers_needed, 1) - 1) s
                        WHERE NOT EXISTS (SELECT 1 FROM review_claims c
                                          WHERE c.review_item_id = candidate.id AND c.slot = s AND c.released_at IS NULL
                                            AND (c.decided_at IS NOT NULL OR c.lease_expires_at > @now))) AS slot,
                       CASE WHEN v.review_lease_minutes > 0 THEN v.review_lease_minutes ELSE @lease END AS lease_minutes
                FROM candidate
                LEFT JOIN step_versions v ON v.id = candidate.step_version_id
                CROSS JOIN (SELECT count(*) FROM expired) released
            ),
            claimed AS (
                INSERT INTO review_claims (id, review_item_id, slot, reviewer_id, claimed_at, lease_expires_at)
                SELECT @id, free.item_id, free.slot, @reviewer, @now, @now + make_interval(mins => free.lease_minutes)
                FROM free WHERE free.slot IS NOT NULL
                ON CONFLICT DO NOTHING
                RETURNING review_item_id, slot
            ),
            started AS (
                UPDATE review_items i SET status = 'InReview'
                FROM claimed WHERE i.id = claimed.review_item_id AND i.status = 'Pending'
            )
            SELECT item_id, slot, NULL::int AS lease_minutes, lease_expires_at FROM held
            UNION ALL
            SELECT candidate.id, claimed.slot, free.lease_minutes, NULL::timestamptz
            FROM candidate JOIN free ON free.item_id = candidate.id LEFT JOIN claimed ON true
            """;
    }

    public static NpgsqlParameter[] Parameters(Guid claimId, string reviewerId, DateTimeOffset now, int defaultLeaseMinutes, ReviewQueueFilter filter, Guid? itemId)
    {
        var parameters = new List<NpgsqlParameter>
        {
            new("id", NpgsqlDbType.Uuid) { Value = claimId },
            new("reviewer", NpgsqlDbType.Text) { Value = reviewerId },
            new("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime },
            new("lease", NpgsqlDbType.Integer) { Value = defaultLeaseMinutes },
            new("skip", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = filter.Skip.ToArray() },
        };
        if (itemId is { } item) parameters.Add(new NpgsqlParameter("item", NpgsqlDbType.Uuid) { Value = item });
        if (filter.StepVersionId is { } step) parameters.Add(new NpgsqlParameter("step", NpgsqlDbType.Uuid) { Value = step });
        if (filter.Reason is { } reason) parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = reason.ToString() });
        if (filter.PipelineDefinitionId is { } pipeline) parameters.Add(new NpgsqlParameter("pipeline", NpgsqlDbType.Uuid) { Value = pipeline });
        return [.. parameters];
    }
}
