namespace AiFlow.Web.Components.Shared;

/// <summary>
/// Cascaded by a form around its <see cref="RangeNumberField{T}"/>s so that its save can refuse while any field
/// holds a value outside its range (the field keeps the typed value on screen, the model keeps the last good one).
/// </summary>
public sealed class NumberRangeGuard
{
    private readonly Dictionary<object, string> refusals = [];

    /// <summary>One sentence per refused field; empty when every field holds an allowed value.</summary>
    public IReadOnlyList<string> Refusals => [.. refusals.Values.Distinct()];

    internal void Refuse(object field, string text) => refusals[field] = text;

    internal void Accept(object field) => refusals.Remove(field);
}
