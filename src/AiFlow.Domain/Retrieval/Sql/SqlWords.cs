namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>The keyword sets the guard reasons with (unquoted words only: a quoted "delete" is a name).</summary>
internal static class SqlWords
{
    /// <summary>Words that write; inside a query they mean a data-modifying CTE or main statement.</summary>
    public static readonly IReadOnlySet<string> Writes = new HashSet<string>(StringComparer.Ordinal) { "insert", "update", "delete", "merge", "truncate" };

    /// <summary>
    /// Words of other statements (utility, privileges, transaction control, sessions). None can appear in a read-only
    /// SELECT, so meeting one anywhere means something else is being attempted.
    /// </summary>
    public static readonly IReadOnlySet<string> OtherStatements = new HashSet<string>(StringComparer.Ordinal)
    {
        "copy", "lock", "set", "reset", "do", "call", "execute", "prepare", "deallocate", "listen", "notify", "unlisten",
        "begin", "commit", "rollback", "savepoint", "abort", "grant", "revoke", "create", "drop", "alter", "vacuum", "analyze",
        "cluster", "reindex", "refresh", "discard", "checkpoint", "load", "import", "security",
    };

    /// <summary>Words a '(' may follow without making a function call.</summary>
    public static readonly IReadOnlySet<string> BeforeParenthesis = new HashSet<string>(StringComparer.Ordinal)
    {
        "as", "in", "exists", "any", "all", "some", "over", "filter", "values", "using", "on", "and", "or", "not", "select", "from",
        "join", "where", "by", "having", "when", "then", "else", "case", "lateral", "row", "array", "is", "like", "ilike", "similar",
        "between", "with", "group", "order", "limit", "offset", "distinct", "union", "intersect", "except", "window", "fetch",
        "materialized", "only", "sets", "rollup", "cube",
    };

    /// <summary>Words that end a FROM list at their level.</summary>
    public static readonly IReadOnlySet<string> EndFrom = new HashSet<string>(StringComparer.Ordinal)
    {
        "where", "group", "having", "window", "order", "limit", "offset", "fetch", "union", "intersect", "except", "select",
    };

    /// <summary>Functions whose argument syntax uses FROM or FOR as plain words: extract(year from t), substring(s from 1 for 2).</summary>
    public static readonly IReadOnlySet<string> FromInsideCall = new HashSet<string>(StringComparer.Ordinal) { "extract", "substring", "trim", "overlay", "normalize" };
}
