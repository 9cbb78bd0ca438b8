namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>The PostgreSQL role model-written SQL runs as: NOLOGIN, SELECT on the reporting views alone (ADR 0026).</summary>
public static class SqlReaderRole
{
    public const string Name = "aiflow_sql_reader";
}
