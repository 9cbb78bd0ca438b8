namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// The rules <see cref="SqlGuard"/> applies to one statement's tokens. Not a full parser: it tracks parentheses, and
/// recognises FROM items (after FROM, JOIN, and a comma of a FROM list), CTE names and function calls, which is what
/// the rules need. What it cannot place it leaves to PostgreSQL, which then fails with a syntax error under the
/// read-only role rather than running anything the rules would refuse.
/// </summary>
internal sealed class SqlStatementChecker(IReadOnlyList<SqlToken> tokens, IReadOnlyCollection<string> views)
{
    private readonly int[] matching = new int[tokens.Count];
    private readonly HashSet<string> cteNames = new(StringComparer.Ordinal);
    /// <summary>Names followed by '(' that are not calls: a CTE's or an alias's column list.</summary>
    private readonly HashSet<int> notCalls = [];
    /// <summary>'(' that open a parenthesised join, whose first token is a FROM item.</summary>
    private readonly HashSet<int> joinGroups = [];

    private sealed class Frame(string? function, bool inFrom)
    {
        public string? Function { get; } = function;
        public bool InFrom { get; set; } = inFrom;
    }

    public SqlVerdict? Check()
    {
        var first = 0;
        while (first < tokens.Count && tokens[first].IsPunctuation("(")) first++;
        if (first == tokens.Count || !(tokens[first].IsWord("select") || tokens[first].IsWord("with")))
        {
            var token = tokens[Math.Min(first, tokens.Count - 1)];
            return token.Kind == SqlTokenKind.Word
                ? Refuse($"{token.Text.ToUpperInvariant()} is not allowed: only a SELECT (or WITH … SELECT) may run.", token)
                : Refuse("The statement must start with SELECT or WITH.", token);
        }
        return MatchParentheses() ?? CollectCteNames() ?? Scan();
    }

    private SqlVerdict? MatchParentheses()
    {
        var open = new Stack<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].IsPunctuation("(")) open.Push(i);
            else if (tokens[i].IsPunctuation(")"))
            {
                if (open.Count == 0) return Refuse("A ')' closes nothing.", tokens[i]);
                matching[open.Pop()] = i;
            }
        }
        return open.Count > 0 ? Refuse("A '(' is not closed.", tokens[open.Peek()]) : null;
    }

    /// <summary>WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (...), name ...: the names a FROM may read besides the views.</summary>
    private SqlVerdict? CollectCteNames()
    {
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            var previous = tokens[i - 1];
            if (!tokens[i].IsName || !(previous.IsWord("with") || previous.IsWord("recursive") || previous.IsPunctuation(","))) continue;
            var next = i + 1;
            if (tokens[next].IsPunctuation("(")) next = matching[next] + 1;
            if (next + 1 >= tokens.Count || !tokens[next].IsWord("as")) continue;
            var body = tokens[next + 1];
            if (!(body.IsPunctuation("(") || body.IsWord("materialized") || body.IsWord("not"))) continue;
            // A CTE named like a catalog table would shadow it in one scope and not in another; no such names.
            if (tokens[i].Text.StartsWith("pg_", StringComparison.OrdinalIgnoreCase)) return Refuse($"A CTE may not be named {tokens[i].Text}: pg_ names belong to the system catalog.", tokens[i]);
            cteNames.Add(tokens[i].Text);
            notCalls.Add(i);
        }
        return null;
    }

    private SqlVerdict? Scan()
    {
        var frames = new Stack<Frame>();
        frames.Push(new Frame(null, false));
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var frame = frames.Peek();
            if (token.Kind == SqlTokenKind.Parameter) return Refuse($"Placeholders such as {token.Text} have no value here.", token);
            if (token.IsPunctuation("("))
            {
                frames.Push(new Frame(IsCall(i - 1) ? tokens[i - 1].Text : null, joinGroups.Contains(i)));
                continue;
            }
            if (token.IsPunctuation(")")) { frames.Pop(); continue; }
            if (token.IsPunctuation(",") && frame.InFrom)
            {
                if (FromItem(i + 1) is { } refusal) return refusal;
                continue;
            }
            if (IsCall(i) && CheckCall(i) is { } refused) return refused;
            if (token.Kind != SqlTokenKind.Word) continue;
            if (Word(i, frame) is { } wordRefusal) return wordRefusal;
        }
        return null;
    }

    private SqlVerdict? Word(int i, Frame frame)
    {
        var token = tokens[i];
        var word = token.Text;
        var locking = word == "for" && frame.Function is not ("substring" or "overlay")
            && At(i + 1) is { } next && (next.IsWord("update") || next.IsWord("share") || next.IsWord("no") || next.IsWord("key"));
        if (locking) return Refuse("FOR UPDATE/SHARE locks rows and is refused: the query may only read.", token);
        if (SqlWords.Writes.Contains(word)) return Refuse($"Writes are refused: {word.ToUpperInvariant()} (a data-modifying statement or CTE).", token);
        if (word == "into") return Refuse("SELECT INTO creates a table and is refused: the query may only read.", token);
        if (word == "table") return Refuse("TABLE is refused: name the declared views in a FROM clause.", token);
        if (SqlWords.OtherStatements.Contains(word)) return Refuse($"{word.ToUpperInvariant()} is not allowed: only a SELECT (or WITH … SELECT) may run.", token);
        if (word == "from")
        {
            var argumentSyntax = frame.Function is { } function && SqlWords.FromInsideCall.Contains(function);
            if (argumentSyntax || (At(i - 1)?.IsWord("distinct") ?? false)) return null;
            frame.InFrom = true;
            return FromItem(i + 1);
        }
        if (word == "join") return FromItem(i + 1);
        if (SqlWords.EndFrom.Contains(word)) frame.InFrom = false;
        return null;
    }

    /// <summary>One FROM item: a declared view or CTE (with an alias), a subquery, a parenthesised join, or a function.</summary>
    private SqlVerdict? FromItem(int i)
    {
        while (At(i) is { } skip && (skip.IsWord("lateral") || skip.IsWord("only"))) i++;
        if (At(i) is not { } token) return null;
        if (token.IsPunctuation("("))
        {
            var inner = At(i + 1);
            var subquery = inner is not null && (inner.IsWord("select") || inner.IsWord("with") || inner.IsWord("values"));
            if (!subquery)
            {
                joinGroups.Add(i);
                if (FromItem(i + 1) is { } refusal) return refusal;
            }
            MarkAlias(matching[i] + 1);
            return null;
        }
        if (!token.IsName) return null;
        if (token.IsWord("table")) return Refuse("TABLE is refused: name the declared views in a FROM clause.", token);
        if (At(i + 1)?.IsPunctuation(".") ?? false)
        {
            var qualified = $"{token.Text}.{At(i + 2)?.Text}";
            return Refuse($"Relation {qualified} is schema-qualified: only the declared views ({string.Join(", ", views)}) may be read.", token);
        }
        if (At(i + 1)?.IsPunctuation("(") ?? false)
        {
            // A function in FROM; the call itself is checked against the allow-list where the scan meets it.
            MarkAlias(matching[i + 1] + 1);
            return null;
        }
        var name = token.Text;
        if (!views.Contains(name) && !cteNames.Contains(name))
        {
            return Refuse($"Relation {name} is not one of the declared views ({string.Join(", ", views)}).", token);
        }
        MarkAlias(i + 1);
        return null;
    }

    /// <summary>[AS] alias [(columns)]: the column list is not a call.</summary>
    private void MarkAlias(int i)
    {
        if (At(i)?.IsWord("as") ?? false) i++;
        if (At(i) is { IsName: true } && (At(i + 1)?.IsPunctuation("(") ?? false)) notCalls.Add(i);
    }

    /// <summary>A name followed by '(' that is neither a keyword, a type (after :: or AS), nor a column list.</summary>
    private bool IsCall(int i)
    {
        if (At(i) is not { IsName: true } token || !(At(i + 1)?.IsPunctuation("(") ?? false) || notCalls.Contains(i)) return false;
        if (token.Kind == SqlTokenKind.Word && SqlWords.BeforeParenthesis.Contains(token.Text)) return false;
        var previous = At(i - 1);
        return previous is null || !(previous.IsPunctuation("::") || previous.IsWord("as"));
    }

    private SqlVerdict? CheckCall(int i)
    {
        var token = tokens[i];
        if (At(i - 1)?.IsPunctuation(".") ?? false)
        {
            return Refuse($"Function {At(i - 2)?.Text}.{token.Text}() is schema-qualified: only allow-listed functions may be called, by their plain names.", token);
        }
        // A word arrives folded to lower case; a quoted name keeps its case, as PostgreSQL resolves it.
        var name = token.Text;
        return SqlFunctionAllowList.Allows(name) ? null : Refuse($"Function {name}() is not on the allow-list of functions a query may call.", token);
    }

    private SqlToken? At(int i) => i >= 0 && i < tokens.Count ? tokens[i] : null;

    private static SqlVerdict Refuse(string reason, SqlToken token) => SqlVerdict.Refuse(reason, token.Position);
}
