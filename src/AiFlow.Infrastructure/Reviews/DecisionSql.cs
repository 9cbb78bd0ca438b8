using System.Text.Json;
using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Persistence;
using Npgsql;
using NpgsqlTypes;

namespace AiFlow.Infrastructure.Reviews;

/// <summary>
/// A reviewer's decision as one statement, so a vote costs one round trip before its commit (ADR 0041):
/// <list type="number">
/// <item><c>item</c>: the item, row-locked: claims of an item change only under its lock (a claim locks it too);</item>
/// <item><c>decided</c>: the reviewer's live claim on it is marked decided, unless the item is complete (the uncorrelated
/// EXISTS is checked once, after the lock, before any claim is touched). An expired lease still counts while nobody has
/// taken its slot; once released, the decision is refused;</item>
/// <item><c>updated</c>: the item counts the decision and completes when all its reviewers decided;</item>
/// <item><c>feedback</c>: the decision itself, its free text already redacted by the caller;</item>
/// <item><c>audit</c>: the item's change, before and after, as <see cref="Auditing.AuditLog"/> records a bulk statement's.</item>
/// </list>
/// One row when the item exists: its status before, its status after (null when no claim was decided, so nothing was
/// written), and whether this decision completes a human-review node's item. Run alone (<c>@alone</c>, its own
/// transaction), the statement does not make that decision: finishing the parked step takes more writes, so the caller
/// runs it again in a transaction with them. No row when the item does not exist.
/// </summary>
internal static class DecisionSql
{
    public const string Text = """
        WITH item AS (
            SELECT id, pipeline_run_id, step_run_id, step_version_id, reason, status, reviewers_needed, decisions_count, completed_at
            FROM review_items WHERE id = @item FOR UPDATE
        ),
        decided AS (
            UPDATE review_claims SET decided_at = @now
            WHERE review_item_id = @item AND reviewer_id = @reviewer AND released_at IS NULL AND decided_at IS NULL
              AND EXISTS (SELECT 1 FROM item WHERE item.status <> 'Completed'
                          AND NOT (@alone AND item.reason = 'HumanReviewNode' AND item.decisions_count + 1 >= item.reviewers_needed))
            RETURNING id
        ),
        updated AS (
            UPDATE review_items i
            SET decisions_count = item.decisions_count + 1,
                status = CASE WHEN item.decisions_count + 1 >= item.reviewers_needed THEN 'Completed' ELSE item.status END,
                completed_at = CASE WHEN item.decisions_count + 1 >= item.reviewers_needed THEN @now ELSE item.completed_at END
            FROM item
            WHERE i.id = item.id AND EXISTS (SELECT 1 FROM decided)
            RETURNING i.status, i.decisions_count, i.completed_at
        ),
        feedback AS (
            INSERT INTO human_feedback (id, review_item_id, pipeline_run_id, step_run_id, reviewer_id, decision, corrected_ir_json,
                                        correction_is_valid, correction_errors, labels, rating, comment, time_spent_ms, created_at)
            SELECT @feedback, item.id, item.pipeline_run_id, item.step_run_id, @reviewer, @decision, @corrected,
                   @correctionIsValid, @correctionErrors, @labels, @rating, @comment, @timeSpentMs, @now
            FROM item WHERE EXISTS (SELECT 1 FROM updated)
        ),
        audit AS (
            INSERT INTO audit_entries (at, user_name, entity_type, entity_id, action, before, after)
            SELECT @now, @user, 'ReviewItem', item.id::text, 'Updated',
                   jsonb_build_object('Status', item.status, 'DecisionsCount', item.decisions_count, 'CompletedAt', item.completed_at),
                   jsonb_build_object('Status', updated.status, 'DecisionsCount', updated.decisions_count, 'CompletedAt', updated.completed_at)
            FROM item, updated
        )
        SELECT item.status, updated.status,
               item.status <> 'Completed' AND item.reason = 'HumanReviewNode' AND item.decisions_count + 1 >= item.reviewers_needed
        FROM item LEFT JOIN updated ON true
        """;

    /// <summary>The statement's parameters for <paramref name="feedback"/> (its id, decision and redacted free text) on <paramref name="itemId"/>.</summary>
    public static NpgsqlParameter[] Parameters(Guid itemId, HumanFeedback feedback, DateTimeOffset now, string user, bool alone) =>
    [
        new("alone", NpgsqlDbType.Boolean) { Value = alone },
        new("item", NpgsqlDbType.Uuid) { Value = itemId },
        new("reviewer", NpgsqlDbType.Text) { Value = feedback.ReviewerId },
        new("now", NpgsqlDbType.TimestampTz) { Value = now.UtcDateTime },
        new("feedback", NpgsqlDbType.Uuid) { Value = feedback.Id },
        new("decision", NpgsqlDbType.Varchar) { Value = feedback.Decision.ToString() },
        new("corrected", NpgsqlDbType.Jsonb) { Value = (object?)feedback.CorrectedIrJson ?? DBNull.Value },
        new("correctionIsValid", NpgsqlDbType.Boolean) { Value = (object?)feedback.CorrectionIsValid ?? DBNull.Value },
        // The same JSON as the column's EF conversion writes.
        new("correctionErrors", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(feedback.CorrectionErrors, JsonColumn.Options) },
        new("labels", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = feedback.Labels.ToArray() },
        new("rating", NpgsqlDbType.Integer) { Value = (object?)feedback.Rating ?? DBNull.Value },
        new("comment", NpgsqlDbType.Text) { Value = (object?)feedback.Comment ?? DBNull.Value },
        new("timeSpentMs", NpgsqlDbType.Integer) { Value = feedback.TimeSpentMs },
        new("user", NpgsqlDbType.Text) { Value = user },
    ];
}
