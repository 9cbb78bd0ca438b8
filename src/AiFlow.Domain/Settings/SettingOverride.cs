namespace AiFlow.Domain.Settings;

/// <summary>
/// One setting's value as stored in the database, overriding appsettings.json and the environment. The row stays when
/// an Admin resets the setting (<see cref="ValueJson"/> null) so that <see cref="Version"/> keeps counting up and a
/// client holding an old version still gets a conflict.
/// </summary>
public class SettingOverride
{
    /// <summary>The configuration key, e.g. <c>Retention:RequestLogsDays</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>The value as JSON (<c>null</c> the JSON literal: set to empty), or null when not overridden.</summary>
    public string? ValueJson { get; set; }

    /// <summary>Counts every change to this key, starting at 1; a write names the version it read.</summary>
    public int Version { get; set; }

    public string UpdatedBy { get; set; } = "";

    public DateTimeOffset UpdatedAt { get; set; }
}
