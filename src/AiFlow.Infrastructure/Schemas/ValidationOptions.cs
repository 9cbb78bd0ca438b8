using AiFlow.Domain.Schemas;

namespace AiFlow.Infrastructure.Schemas;

/// <summary>Bound from <c>Validation</c>; an Admin sets it on the settings page (ADR 0037).</summary>
public sealed class ValidationOptions
{
    public const string Section = "Validation";

    /// <summary><c>off</c>, <c>warn</c> or <c>enforce</c> overrides every step version's mode; empty leaves each its own.</summary>
    public string? ModeOverride { get; set; }

    /// <summary>The mode an override names (<c>warn</c> is the step editor's "log": record failures, fail nothing), or null for none.</summary>
    public static ValidationMode? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "off" => ValidationMode.Off,
        "warn" or "log" => ValidationMode.Log,
        "enforce" => ValidationMode.Enforce,
        _ => null,
    };
}
