namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// What <see cref="SqlGuard"/> decided. An accepted query carries the statement to run (without its trailing ';'); a
/// refused one names the reason and the 1-based character position it points at.
/// </summary>
public sealed record SqlVerdict(bool Accepted, string Statement, string? Reason, int? Position)
{
    public static SqlVerdict Accept(string statement) => new(true, statement, null, null);

    public static SqlVerdict Refuse(string reason, int position) => new(false, "", reason, position);

    /// <summary>The reason with its position, as a step error reads it.</summary>
    public string Describe() => Accepted ? "accepted" : $"{Reason} (at character {Position})";
}
