namespace AiFlow.Infrastructure.Persistence.Migrations;

/// <summary>
/// The StepRunTextsPartitionedByMonth migration's hand-written SQL (ADR 0038): the rendered prompts and raw responses
/// move out of <c>step_runs</c> into <c>step_run_texts</c>, partitioned by month on <c>created_at</c> (when the attempt
/// finished, or started if it never did), keyed by (step_run_id, created_at), with a default partition and one
/// partition per month from the oldest text to two months ahead. EF cannot express partitioning; it knows only the
/// composite key. Migrations are history: do not change these.
/// </summary>
internal static class StepRunTextPartitioningSql
{
    public const string Up = """
        CREATE TABLE step_run_texts (
            step_run_id uuid NOT NULL,
            created_at timestamp with time zone NOT NULL,
            rendered_prompt text NULL,
            raw_response text NULL,
            CONSTRAINT pk_step_run_texts PRIMARY KEY (step_run_id, created_at),
            CONSTRAINT fk_step_run_texts_step_runs_step_run_id FOREIGN KEY (step_run_id) REFERENCES step_runs (id) ON DELETE CASCADE
        ) PARTITION BY RANGE (created_at);
        CREATE INDEX ix_step_run_texts_created_at_step_run_id ON step_run_texts (created_at, step_run_id);
        CREATE TABLE step_run_texts_default PARTITION OF step_run_texts DEFAULT;

        -- One partition per UTC month, named as MonthlyPartitions.NameOf names them, from the oldest text's month to two
        -- months ahead (the retention job keeps it so).
        DO $$
        DECLARE month timestamp;
        BEGIN
            FOR month IN SELECT generate_series(
                date_trunc('month', least(now(), coalesce(
                    (SELECT min(coalesce(finished_at, started_at)) FROM step_runs WHERE rendered_prompt IS NOT NULL OR raw_response IS NOT NULL), now())) AT TIME ZONE 'UTC'),
                date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
                interval '1 month')
            LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF step_run_texts FOR VALUES FROM (%L) TO (%L)',
                    'step_run_texts_' || to_char(month, '"y"YYYY"m"MM'),
                    to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
                    to_char(month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
            END LOOP;
        END $$;

        INSERT INTO step_run_texts (step_run_id, created_at, rendered_prompt, raw_response)
        SELECT id, coalesce(finished_at, started_at, now()), rendered_prompt, raw_response FROM step_runs
        WHERE rendered_prompt IS NOT NULL OR raw_response IS NOT NULL;
        ALTER TABLE step_runs DROP COLUMN rendered_prompt, DROP COLUMN raw_response;
        """;

    public const string Down = """
        ALTER TABLE step_runs ADD COLUMN rendered_prompt text NULL, ADD COLUMN raw_response text NULL;
        UPDATE step_runs s SET rendered_prompt = t.rendered_prompt, raw_response = t.raw_response
        FROM step_run_texts t WHERE t.step_run_id = s.id;
        DROP TABLE step_run_texts;
        """;
}
