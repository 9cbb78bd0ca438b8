namespace AiFlow.Infrastructure.Persistence.Migrations;

/// <summary>
/// The reporting views sql_query steps may read, and the role they run under (ADR 0026), as the SqlQuerySteps migration
/// created them. Migrations are history: a later change writes new SQL in its own migration.
/// </summary>
internal static class SqlReaderSql
{
    /// <summary>Runs with their pipeline; no input, output or requester (those may hold personal data, ADR 0024).</summary>
    public const string ReportRuns = """
        CREATE VIEW report_runs AS
        SELECT r.id AS run_id,
               d.key AS pipeline_key,
               v.number AS pipeline_version,
               r.status,
               r.trigger,
               r.created_at,
               r.started_at,
               r.finished_at,
               (extract(epoch FROM r.finished_at - r.started_at) * 1000)::bigint AS duration_ms,
               r.tokens_in,
               r.tokens_out,
               r.cost_usd
        FROM pipeline_runs r
        JOIN pipeline_definitions d ON d.id = r.pipeline_definition_id
        JOIN pipeline_versions v ON v.id = r.pipeline_version_id;
        """;

    /// <summary>Step attempts with their step; no prompt, response, input or error text.</summary>
    public const string ReportStepRuns = """
        CREATE VIEW report_step_runs AS
        SELECT s.pipeline_run_id AS run_id,
               s.node_key,
               sd.key AS step_key,
               sd.kind AS step_kind,
               sv.number AS step_version,
               s.attempt,
               s.status,
               s.model,
               s.endpoint_name,
               s.latency_ms,
               s.tokens_in,
               s.tokens_out,
               s.cost_usd,
               s.started_at,
               s.finished_at
        FROM step_runs s
        JOIN step_versions sv ON sv.id = s.step_version_id
        JOIN step_definitions sd ON sd.id = sv.step_definition_id;
        """;

    /// <summary>
    /// The role is cluster-wide and several databases share it (tests, tenants), so it is created once, tolerating a
    /// concurrent creator; the grants are per database. A user that may not create roles gets a notice, and sql_query
    /// steps then fail closed with the reason ("role does not exist") until an administrator creates it.
    /// </summary>
    public const string ReaderRole = """
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aiflow_sql_reader') THEN
            IF (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user) THEN
              BEGIN
                CREATE ROLE aiflow_sql_reader NOLOGIN;
              EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL;
              END;
            ELSE
              RAISE NOTICE 'Role aiflow_sql_reader does not exist and % may not create it: sql_query steps refuse to run until an administrator does (ADR 0026).', current_user;
            END IF;
          END IF;
          IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'aiflow_sql_reader') THEN
            EXECUTE format('GRANT USAGE ON SCHEMA %I TO aiflow_sql_reader', current_schema());
            GRANT SELECT ON report_runs, report_step_runs TO aiflow_sql_reader;
            -- A superuser may SET ROLE to any role. Anyone else needs a grant with the SET option (PostgreSQL 16 gives a
            -- CREATEROLE creator only ADMIN), so it is granted explicitly; without the right to do so, a notice.
            IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
              BEGIN
                EXECUTE format('GRANT aiflow_sql_reader TO %I', current_user);
              EXCEPTION WHEN insufficient_privilege THEN
                RAISE NOTICE '% may not grant itself aiflow_sql_reader: sql_query steps refuse to run until an administrator does (ADR 0026).', current_user;
              END;
            END IF;
          END IF;
        END $$;
        """;

    /// <summary>The role stays: other databases on the cluster may still use it.</summary>
    public const string DropViews = """
        DROP VIEW IF EXISTS report_step_runs;
        DROP VIEW IF EXISTS report_runs;
        """;
}
