using AiFlow.Infrastructure.Authoring;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// The answer to a change of the metric catalogue: saved (with what was saved), refused with each problem at its field,
/// a conflict with someone else's save, or not found. Anything but <see cref="SaveOutcome.Saved"/> saved nothing.
/// </summary>
public sealed record MetricCatalogResult<T>(SaveOutcome Outcome, T? Value, IReadOnlyList<MetricFieldProblem> Problems)
{
    public bool Saved => Outcome == SaveOutcome.Saved;

    public string Message => string.Join(" ", Problems.Select(p => p.Message));
}

/// <summary>Factories for <see cref="MetricCatalogResult{T}"/> (same name, as with Tuple and Tuple&lt;T&gt;).</summary>
public static class MetricCatalogResult
{
    public static MetricCatalogResult<T> Ok<T>(T value) => new(SaveOutcome.Saved, value, []);

    public static MetricCatalogResult<T> Invalid<T>(IReadOnlyList<MetricFieldProblem> problems) => new(SaveOutcome.Invalid, default, problems);

    public static MetricCatalogResult<T> Invalid<T>(string field, string message) => new(SaveOutcome.Invalid, default, [new(field, message)]);

    public static MetricCatalogResult<T> Conflict<T>(string message) => new(SaveOutcome.Conflict, default, [new("", message)]);

    public static MetricCatalogResult<T> NotFound<T>(string message) => new(SaveOutcome.NotFound, default, [new("", message)]);
}
