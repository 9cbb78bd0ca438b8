namespace AiFlow.Domain.Retrieval.Sql;

public enum SqlTokenKind
{
    /// <summary>An unquoted name or keyword, folded to lower case as PostgreSQL folds it.</summary>
    Word,
    /// <summary>A double-quoted name (also U&amp;"..."), its text unescaped and case kept.</summary>
    QuotedName,
    /// <summary>Any string constant: '...', E'...', U&amp;'...', B'...', X'...', N'...' or dollar-quoted.</summary>
    String,
    Number,
    /// <summary>A positional parameter such as $1.</summary>
    Parameter,
    Operator,
    /// <summary>One of ( ) [ ] , ; . : or the cast ::.</summary>
    Punctuation,
}
