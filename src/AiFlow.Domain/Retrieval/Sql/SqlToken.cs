namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>One token of an SQL text; <paramref name="Position"/> is 1-based, in characters, as PostgreSQL reports errors.</summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Position)
{
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Text == word;

    public bool IsPunctuation(string text) => Kind == SqlTokenKind.Punctuation && Text == text;

    /// <summary>A name as it reaches the catalog: an unquoted word folded, a quoted name as written.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName;
}
