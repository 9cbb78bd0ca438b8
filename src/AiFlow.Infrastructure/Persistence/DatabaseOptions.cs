using System.ComponentModel.DataAnnotations;

namespace AiFlow.Infrastructure.Persistence;

/// <summary>Bound from <c>AiFlow:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "AiFlow:Database";

    /// <summary>
    /// PostgreSQL's <c>statement_timeout</c> for every statement of the console, the API and the engine (0: none). A
    /// statement past it is cancelled by the server and the API answers 503. Quartz's job store, migrations and the
    /// dashboard rollup run without it or with their own (ADR 0021).
    /// </summary>
    [Range(0, 3600)] public int StatementTimeoutSeconds { get; set; } = 30;
}
