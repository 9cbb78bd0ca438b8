namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The purge statements. Each one is a single statement, so a single short transaction: it takes at most
/// <c>@batch</c> step runs or their texts (oldest first, after the key <c>(@after_at, @after_id)</c> where the previous
/// batch stopped) and answers how many rows it changed, how many it took, and the key of the last one.
/// </summary>
internal static class RetentionSql
{
    /// <summary>
    /// A step run may be purged only when nothing that must stay traceable points at its run: ground truth (its
    /// provenance names the run or the step run), feedback on the run (ground truth is curated from it), gold retrieval
    /// labels, or a review item still open. Whole runs are kept, not single steps: the inputs a reviewer or ground truth
    /// sees come from the steps upstream.
    /// </summary>
    public const string Purgeable = """
        NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.pipeline_run_id = s.pipeline_run_id AND ri.status IN ('Pending', 'InReview', 'Escalated'))
        AND NOT EXISTS (SELECT 1 FROM human_feedback f WHERE f.pipeline_run_id = s.pipeline_run_id)
        AND NOT EXISTS (SELECT 1 FROM gold_retrieval_labels g WHERE g.pipeline_run_id = s.pipeline_run_id)
        AND NOT EXISTS (SELECT 1 FROM ground_truth_versions v
                        WHERE v.provenance ->> 'pipelineRunId' = s.pipeline_run_id::text OR v.provenance ->> 'stepRunId' = s.id::text)
        """;

    private static string Walk(string filter, string purge) => $"""
        WITH batch AS (
            SELECT s.id, s.finished_at FROM step_runs s
            WHERE s.finished_at < @cutoff AND (s.finished_at, s.id) > (@after_at, @after_id) AND {filter} AND {Purgeable}
            ORDER BY s.finished_at, s.id
            LIMIT @batch),
        purged AS ({purge})
        SELECT (SELECT count(*) FROM purged) AS purged, (SELECT count(*) FROM batch) AS taken, b.finished_at, b.id
        FROM batch b ORDER BY b.finished_at DESC, b.id DESC LIMIT 1
        """;

    /// <summary>
    /// Clears one of a step run's texts past its TTL in months not dropped whole (younger months, and the default
    /// partition); a row left with neither text is deleted.
    /// </summary>
    private static string WalkTexts(string column, string other) => $"""
        WITH batch AS (
            SELECT x.step_run_id AS id, x.created_at FROM step_run_texts x JOIN step_runs s ON s.id = x.step_run_id
            WHERE x.created_at < @cutoff AND (x.created_at, x.step_run_id) > (@after_at, @after_id) AND x.{column} IS NOT NULL AND {Purgeable}
            ORDER BY x.created_at, x.step_run_id
            LIMIT @batch),
        cleared AS (
            UPDATE step_run_texts t SET {column} = NULL FROM batch b
            WHERE t.step_run_id = b.id AND t.created_at = b.created_at AND t.{other} IS NOT NULL RETURNING 1),
        deleted AS (
            DELETE FROM step_run_texts t USING batch b
            WHERE t.step_run_id = b.id AND t.created_at = b.created_at AND t.{other} IS NULL RETURNING 1)
        SELECT (SELECT count(*) FROM cleared) + (SELECT count(*) FROM deleted) AS purged, (SELECT count(*) FROM batch) AS taken, b.created_at, b.id
        FROM batch b ORDER BY b.created_at DESC, b.id DESC LIMIT 1
        """;

    public static readonly string RawResponses = WalkTexts("raw_response", "rendered_prompt");

    public static readonly string RenderedPrompts = WalkTexts("rendered_prompt", "raw_response");

    /// <summary>Only steps that completed, in runs that have finished: a run still open needs its upstream IR to go on.</summary>
    public static readonly string SuccessfulIrArtifacts = Walk(
        "s.status = 'Completed' AND EXISTS (SELECT 1 FROM ir_artifacts a WHERE a.step_run_id = s.id) "
        + "AND EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.id = s.pipeline_run_id AND r.finished_at IS NOT NULL)",
        "DELETE FROM ir_artifacts a USING batch b WHERE a.step_run_id = b.id RETURNING 1");

    /// <summary>
    /// Media ids are strings inside JSON (run inputs, step inputs, IR, ground truth), so the JSON text that must keep its
    /// media is searched for anything shaped like a uuid, in one pass per batch rather than once per asset: the input and
    /// expected IR of every example's current ground-truth version (retired examples too: they can come back), and the
    /// input, step inputs and IR of runs not finished (queued, running, waiting for review) or with an open review item.
    /// </summary>
    private const string NamedMedia = """
        named AS (
            SELECT DISTINCT lower(m[1])::uuid AS id
            FROM (
                SELECT v.input_json::text AS t FROM ground_truth_versions v
                    JOIN ground_truth_examples e ON e.id = v.ground_truth_example_id AND v.number = e.current_version_number
                UNION ALL
                SELECT v.expected_ir_json::text FROM ground_truth_versions v
                    JOIN ground_truth_examples e ON e.id = v.ground_truth_example_id AND v.number = e.current_version_number
                UNION ALL
                SELECT r.input_json::text FROM open_runs r
                UNION ALL
                SELECT s.input_json::text FROM step_runs s JOIN open_runs r ON r.id = s.pipeline_run_id WHERE s.input_json IS NOT NULL
                UNION ALL
                SELECT a.ir_json::text FROM ir_artifacts a JOIN step_runs s ON s.id = a.step_run_id JOIN open_runs r ON r.id = s.pipeline_run_id
            ) texts,
            regexp_matches(texts.t, '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})', 'g') m)
        """;

    /// <summary>
    /// Marks deleted at most <c>@batch</c> uploads created before <c>@cutoff</c> (oldest first, after the key
    /// <c>(@after_at, @after_id)</c>) that no JSON of <see cref="NamedMedia"/> names, by their own id or the id of a frame
    /// or sound track derived from them, together with what was derived from them. Answers the assets marked, the uploads
    /// taken, the key of the last one, and the storage keys of the assets marked, whose bytes may then go.
    /// </summary>
    public const string Media = $"""
        WITH batch AS (
            SELECT a.id, a.created_at FROM media_assets a
            WHERE a.source_asset_id IS NULL AND a.deleted_at IS NULL AND a.created_at < @cutoff AND (a.created_at, a.id) > (@after_at, @after_id)
            ORDER BY a.created_at, a.id
            LIMIT @batch),
        open_runs AS (
            SELECT r.id, r.input_json FROM pipeline_runs r
            WHERE r.status IN ('Queued', 'Running', 'WaitingForReview')
               OR EXISTS (SELECT 1 FROM review_items ri WHERE ri.pipeline_run_id = r.id AND ri.status IN ('Pending', 'InReview', 'Escalated'))),
        {NamedMedia},
        doomed AS (
            SELECT b.id FROM batch b
            WHERE NOT EXISTS (SELECT 1 FROM named n WHERE n.id = b.id)
              AND NOT EXISTS (SELECT 1 FROM media_assets d JOIN named n ON n.id = d.id WHERE d.source_asset_id = b.id)),
        purged AS (
            UPDATE media_assets t SET deleted_at = @now FROM doomed
            WHERE (t.id = doomed.id OR t.source_asset_id = doomed.id) AND t.deleted_at IS NULL
            RETURNING t.storage_key)
        SELECT (SELECT count(*) FROM purged) AS purged, (SELECT count(*) FROM batch) AS taken, b.created_at, b.id,
               (SELECT coalesce(array_agg(DISTINCT p.storage_key::text), ARRAY[]::text[]) FROM purged p) AS keys
        FROM batch b ORDER BY b.created_at DESC, b.id DESC LIMIT 1
        """;

    /// <summary>Request-log rows past their TTL in months that are not wholly past it (those are dropped as partitions).</summary>
    public const string RequestLogs = """
        DELETE FROM ai_request_logs WHERE (id, created_at) IN
            (SELECT id, created_at FROM ai_request_logs WHERE created_at < @cutoff LIMIT @batch)
        """;
}
