using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Authoring;

namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>
/// The answer to a change of a collection or its documents: done (with the result), refused with each problem at its
/// field, a conflict (a taken key, someone else's save), or not found. Anything but <see cref="SaveOutcome.Saved"/> changed nothing.
/// </summary>
public sealed record CollectionResult<T>(SaveOutcome Outcome, T? Value, IReadOnlyList<FieldProblem> Problems)
{
    public bool Saved => Outcome == SaveOutcome.Saved;

    public string Message => string.Join(" ", Problems.Select(p => p.Message));
}

/// <summary>Factories for <see cref="CollectionResult{T}"/> (same name, as with Tuple and Tuple&lt;T&gt;).</summary>
public static class CollectionResult
{
    public static CollectionResult<T> Ok<T>(T value) => new(SaveOutcome.Saved, value, []);

    public static CollectionResult<T> Invalid<T>(IReadOnlyList<FieldProblem> problems) => new(SaveOutcome.Invalid, default, problems);

    public static CollectionResult<T> Invalid<T>(string field, string message) => new(SaveOutcome.Invalid, default, [new(field, message)]);

    public static CollectionResult<T> Conflict<T>(string field, string message) => new(SaveOutcome.Conflict, default, [new(field, message)]);

    public static CollectionResult<T> NotFound<T>(string message) => new(SaveOutcome.NotFound, default, [new("", message)]);
}
