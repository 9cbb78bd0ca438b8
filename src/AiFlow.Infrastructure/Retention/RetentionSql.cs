namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The purge statements. Each one is a single statement, so a single short transaction: it takes at most
/// <c>@batch</c> step runs (oldest first, after the key <c>(@after_at, @after_id)</c> where the previous batch stopped) and
/// answers how many rows it changed, how many step runs it took, and the key of the last one.
/// </summary>
internal static class RetentionSql
{
    /// <summary>
    /// A step run may be purged only when nothing that must stay traceable points at its run: ground truth (its
    /// provenance names the run or the step run), feedback on the run (ground truth is curated from it), gold retrieval
    /// labels, or a review item still open. Whole runs are kept, not single steps: the inputs a reviewer or ground truth
    /// sees come from the steps upstream.
    /// </summary>
    private const string Kept = """
        NOT EXISTS (SELECT 1 FROM review_items ri WHERE ri.pipeline_run_id = s.pipeline_run_id AND ri.status IN ('Pending', 'InReview', 'Escalated'))
        AND NOT EXISTS (SELECT 1 FROM human_feedback f WHERE f.pipeline_run_id = s.pipeline_run_id)
        AND NOT EXISTS (SELECT 1 FROM gold_retrieval_labels g WHERE g.pipeline_run_id = s.pipeline_run_id)
        AND NOT EXISTS (SELECT 1 FROM ground_truth_versions v
                        WHERE v.provenance ->> 'pipelineRunId' = s.pipeline_run_id::text OR v.provenance ->> 'stepRunId' = s.id::text)
        """;

    private static string Walk(string filter, string purge) => $"""
        WITH batch AS (
            SELECT s.id, s.finished_at FROM step_runs s
            WHERE s.finished_at < @cutoff AND (s.finished_at, s.id) > (@after_at, @after_id) AND {filter} AND {Kept}
            ORDER BY s.finished_at, s.id
            LIMIT @batch),
        purged AS ({purge})
        SELECT (SELECT count(*) FROM purged) AS purged, (SELECT count(*) FROM batch) AS taken, b.finished_at, b.id
        FROM batch b ORDER BY b.finished_at DESC, b.id DESC LIMIT 1
        """;

    public static readonly string RawResponses = Walk("s.raw_response IS NOT NULL",
        "UPDATE step_runs t SET raw_response = NULL FROM batch b WHERE t.id = b.id RETURNING 1");

    public static readonly string RenderedPrompts = Walk("s.rendered_prompt IS NOT NULL",
        "UPDATE step_runs t SET rendered_prompt = NULL FROM batch b WHERE t.id = b.id RETURNING 1");

    /// <summary>Only steps that completed, in runs that have finished: a run still open needs its upstream IR to go on.</summary>
    public static readonly string SuccessfulIrArtifacts = Walk(
        "s.status = 'Completed' AND EXISTS (SELECT 1 FROM ir_artifacts a WHERE a.step_run_id = s.id) "
        + "AND EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.id = s.pipeline_run_id AND r.finished_at IS NOT NULL)",
        "DELETE FROM ir_artifacts a USING batch b WHERE a.step_run_id = b.id RETURNING 1");

    /// <summary>Request-log rows past their TTL in months that are not wholly past it (those are dropped as partitions).</summary>
    public const string RequestLogs = """
        DELETE FROM ai_request_logs WHERE (id, created_at) IN
            (SELECT id, created_at FROM ai_request_logs WHERE created_at < @cutoff LIMIT @batch)
        """;
}
