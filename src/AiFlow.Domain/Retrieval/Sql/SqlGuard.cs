namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// Decides whether SQL a model wrote may run (seed 003: never run raw model output). It accepts exactly one SELECT or
/// WITH … SELECT statement that reads only the declared views and calls only allow-listed functions, and refuses
/// everything else with the reason and the position. It works on <see cref="SqlLexer"/>'s tokens, so nothing hidden in a
/// comment, a string or a dollar quote counts, and nothing there is missed either. This is the first line of defence;
/// the runner's read-only transaction, dedicated role and statement timeout are the second (ADR 0026).
/// </summary>
public static class SqlGuard
{
    /// <summary>Longer text is no question a model answers; refusing it early keeps lexing cheap.</summary>
    public const int MaxLength = 20_000;

    /// <param name="views">The views the step declared, as lower-case unquoted names.</param>
    public static SqlVerdict Check(string sql, IReadOnlyCollection<string> views)
    {
        if (string.IsNullOrWhiteSpace(sql)) return SqlVerdict.Refuse("The query is empty.", 1);
        if (sql.Length > MaxLength) return SqlVerdict.Refuse($"The query is {sql.Length} characters long; at most {MaxLength} are accepted.", MaxLength + 1);
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlLexer.Tokenize(sql);
        }
        catch (SqlSyntaxException ex)
        {
            return SqlVerdict.Refuse(ex.Message, ex.Position);
        }
        var semicolon = -1;
        for (var i = 0; i < tokens.Count && semicolon < 0; i++) if (tokens[i].IsPunctuation(";")) semicolon = i;
        if (semicolon >= 0 && semicolon < tokens.Count - 1)
        {
            return SqlVerdict.Refuse("Only one statement may run: something follows the ';' that ends the first.", tokens[semicolon + 1].Position);
        }
        var statement = semicolon >= 0 ? tokens.Take(semicolon).ToList() : [.. tokens];
        if (statement.Count == 0) return SqlVerdict.Refuse("The query has no statement (only comments or ';').", 1);
        var refusal = new SqlStatementChecker(statement, views).Check();
        if (refusal is not null) return refusal;
        var text = semicolon >= 0 ? sql[..(tokens[semicolon].Position - 1)] : sql;
        return SqlVerdict.Accept(text.Trim());
    }
}
