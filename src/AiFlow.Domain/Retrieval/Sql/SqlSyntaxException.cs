namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>Text the lexer cannot read (an unterminated string or comment, a stray character), with where it starts.</summary>
public sealed class SqlSyntaxException(string message, int position) : Exception(message)
{
    public int Position { get; } = position;
}
