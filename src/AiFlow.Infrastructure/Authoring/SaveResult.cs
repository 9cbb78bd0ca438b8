using AiFlow.Domain.Common;

namespace AiFlow.Infrastructure.Authoring;

/// <summary>
/// The answer to an author's change: saved (with what was saved), refused with the reasons, each at the field it is
/// about, a conflict with someone else's save, or not found. Anything but <see cref="SaveOutcome.Saved"/> saved nothing.
/// </summary>
public sealed record SaveResult<T>(SaveOutcome Outcome, T? Value, IReadOnlyList<FieldProblem> Problems)
{
    public bool Saved => Outcome == SaveOutcome.Saved;

    /// <summary>The reasons as sentences, for a page that shows them as a list.</summary>
    public IReadOnlyList<string> Messages => Problems.Select(p => p.Message).ToList();

    public string Message => string.Join(" ", Messages);
}

/// <summary>Factories for <see cref="SaveResult{T}"/> (same name, as with Tuple and Tuple&lt;T&gt;).</summary>
public static class SaveResult
{
    public static SaveResult<T> Ok<T>(T value) => new(SaveOutcome.Saved, value, []);

    public static SaveResult<T> Invalid<T>(IReadOnlyList<FieldProblem> problems) => new(SaveOutcome.Invalid, default, problems);

    public static SaveResult<T> Invalid<T>(string field, string problem) => new(SaveOutcome.Invalid, default, [new(field, problem)]);

    /// <summary>A refusal about the change as a whole (its pointer is the empty one, the whole body).</summary>
    public static SaveResult<T> Invalid<T>(string problem) => Invalid<T>("", problem);

    public static SaveResult<T> Conflict<T>(string message) => new(SaveOutcome.Conflict, default, [new("", message)]);

    public static SaveResult<T> NotFound<T>(string message) => new(SaveOutcome.NotFound, default, [new("", message)]);
}
