namespace AiFlow.Infrastructure.Settings;

/// <summary>One key an Admin may set at run time: its type, what it accepts and what applies when nobody sets it.</summary>
/// <param name="Key">The configuration key it overrides, e.g. <c>Retention:RequestLogsDays</c>.</param>
/// <param name="Group">The heading it is listed under.</param>
/// <param name="Default">What applies when neither the database nor a file or the environment sets it, and where that comes from.</param>
/// <param name="AllowEmpty">Empty (JSON null or "") is a value of its own, e.g. "keep for ever" or "each step's own mode".</param>
/// <param name="Pattern">For <see cref="SettingType.Text"/>: the regular expression the whole value must match.</param>
/// <param name="Accepts">How the accepted values read to a person, used in refusals and on the page.</param>
public sealed record SettingDefinition(
    string Key,
    string Group,
    SettingType Type,
    string Description,
    string Default,
    string Accepts,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Choices = null,
    bool AllowEmpty = false,
    string? Pattern = null);
