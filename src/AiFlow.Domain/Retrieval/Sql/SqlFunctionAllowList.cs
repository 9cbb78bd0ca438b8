namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// The functions a model's query may call. Chosen for what questions over reporting views need: aggregates, window
/// functions, and side-effect-free text, number and date functions. Left out on purpose: everything that reads files or
/// the server (pg_read_file, pg_ls_dir, lo_*), sleeps (pg_sleep), changes settings (set_config), reaches other
/// databases (dblink), generates unbounded rows (generate_series) or runs regular expressions (slow patterns); and any
/// function not named here, so a new extension's functions are refused until someone adds them deliberately.
/// </summary>
public static class SqlFunctionAllowList
{
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        // aggregates
        "count", "sum", "avg", "min", "max", "string_agg", "array_agg", "bool_and", "bool_or",
        "stddev", "stddev_pop", "stddev_samp", "variance", "var_pop", "var_samp", "percentile_cont", "percentile_disc", "mode",
        // window functions
        "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value", "last_value",
        // conditionals and casts (SQL syntax that reads like a call)
        "coalesce", "nullif", "greatest", "least", "cast",
        // numbers
        "round", "trunc", "floor", "ceil", "ceiling", "abs", "sign", "mod", "power", "sqrt",
        // text
        "lower", "upper", "initcap", "length", "char_length", "character_length", "substring", "trim", "btrim", "ltrim", "rtrim",
        "position", "strpos", "left", "right", "replace", "concat", "concat_ws", "split_part", "starts_with",
        // dates and times
        "now", "date_trunc", "date_part", "extract", "age", "to_char", "to_date", "to_timestamp", "make_date",
        // arrays
        "array_length", "cardinality",
    };

    public static bool Allows(string name) => Names.Contains(name);
}
