namespace AiFlow.Infrastructure.Persistence.Migrations;

/// <summary>
/// The Retention migration's hand-written SQL (ADR 0038): <c>ai_request_logs</c> becomes a table partitioned by month on
/// <c>created_at</c>, keyed by (id, created_at), with a default partition and one partition per month from the oldest
/// row to two months ahead; the rows are copied across. EF cannot express partitioning; it knows only the composite key.
/// Kept apart from the migration so a regenerated migration only has to call it again. Migrations are history: do not change these.
/// </summary>
internal static class RequestLogPartitioningSql
{
    public const string Up = """
        ALTER TABLE ai_request_logs RENAME TO ai_request_logs_unpartitioned;
        ALTER TABLE ai_request_logs_unpartitioned RENAME CONSTRAINT pk_ai_request_logs TO pk_ai_request_logs_unpartitioned;
        ALTER INDEX ix_ai_request_logs_created_at RENAME TO ix_ai_request_logs_unpartitioned_created_at;
        ALTER INDEX ix_ai_request_logs_endpoint_id_created_at RENAME TO ix_ai_request_logs_unpartitioned_endpoint_id_created_at;
        ALTER INDEX ix_ai_request_logs_step_run_id RENAME TO ix_ai_request_logs_unpartitioned_step_run_id;

        CREATE TABLE ai_request_logs (LIKE ai_request_logs_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (created_at);
        ALTER TABLE ai_request_logs ADD CONSTRAINT pk_ai_request_logs PRIMARY KEY (id, created_at);
        CREATE INDEX ix_ai_request_logs_created_at ON ai_request_logs (created_at);
        CREATE INDEX ix_ai_request_logs_endpoint_id_created_at ON ai_request_logs (endpoint_id, created_at);
        CREATE INDEX ix_ai_request_logs_step_run_id ON ai_request_logs (step_run_id);
        CREATE TABLE ai_request_logs_default PARTITION OF ai_request_logs DEFAULT;

        -- One partition per UTC month, named as RequestLogPartitions.NameOf names them, from the oldest row's month
        -- to two months ahead (the retention job keeps it so).
        DO $$
        DECLARE month timestamp;
        BEGIN
            FOR month IN SELECT generate_series(
                date_trunc('month', least(now(), coalesce((SELECT min(created_at) FROM ai_request_logs_unpartitioned), now())) AT TIME ZONE 'UTC'),
                date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months',
                interval '1 month')
            LOOP
                EXECUTE format('CREATE TABLE %I PARTITION OF ai_request_logs FOR VALUES FROM (%L) TO (%L)',
                    'ai_request_logs_' || to_char(month, '"y"YYYY"m"MM'),
                    to_char(month, 'YYYY-MM-DD') || ' 00:00:00+00',
                    to_char(month + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00');
            END LOOP;
        END $$;

        INSERT INTO ai_request_logs SELECT * FROM ai_request_logs_unpartitioned;
        DROP TABLE ai_request_logs_unpartitioned;
        """;

    public const string Down = """
        CREATE TABLE ai_request_logs_unpartitioned (LIKE ai_request_logs INCLUDING DEFAULTS);
        INSERT INTO ai_request_logs_unpartitioned SELECT * FROM ai_request_logs;
        DROP TABLE ai_request_logs;
        ALTER TABLE ai_request_logs_unpartitioned RENAME TO ai_request_logs;
        ALTER TABLE ai_request_logs ADD CONSTRAINT pk_ai_request_logs PRIMARY KEY (id);
        CREATE INDEX ix_ai_request_logs_created_at ON ai_request_logs (created_at);
        CREATE INDEX ix_ai_request_logs_endpoint_id_created_at ON ai_request_logs (endpoint_id, created_at);
        CREATE INDEX ix_ai_request_logs_step_run_id ON ai_request_logs (step_run_id);
        """;
}
