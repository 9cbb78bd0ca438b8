namespace AiFlow.Infrastructure.Authoring;

/// <summary>
/// The answer to an author's change: saved (with what was saved), refused with the reasons, a conflict with someone
/// else's save, or not found. Anything but <see cref="SaveOutcome.Saved"/> saved nothing.
/// </summary>
public sealed record SaveResult<T>(SaveOutcome Outcome, T? Value, IReadOnlyList<string> Problems)
{
    public bool Saved => Outcome == SaveOutcome.Saved;

    public string Message => string.Join(" ", Problems);
}

/// <summary>Factories for <see cref="SaveResult{T}"/> (same name, as with Tuple and Tuple&lt;T&gt;).</summary>
public static class SaveResult
{
    public static SaveResult<T> Ok<T>(T value) => new(SaveOutcome.Saved, value, []);

    public static SaveResult<T> Invalid<T>(IReadOnlyList<string> problems) => new(SaveOutcome.Invalid, default, problems);

    public static SaveResult<T> Invalid<T>(string problem) => new(SaveOutcome.Invalid, default, [problem]);

    public static SaveResult<T> Conflict<T>(string message) => new(SaveOutcome.Conflict, default, [message]);

    public static SaveResult<T> NotFound<T>(string message) => new(SaveOutcome.NotFound, default, [message]);
}
