namespace AiFlow.Domain.Privacy;

/// <summary>
/// What a redaction replaced: <paramref name="Count"/> matches of <paramref name="Category"/>, inside the JSON string
/// at <paramref name="Pointer"/> (null for plain text). Never the matched text itself.
/// </summary>
public sealed record PiiFinding(string Category, string? Pointer, int Count);
