namespace AiFlow.Domain.Settings;

/// <summary>One change to a setting, kept for ever: who set which value (null: reset to the file's value) at which version.</summary>
public class SettingChange
{
    public long Id { get; set; }

    public string Key { get; set; } = "";

    /// <summary>The value set as JSON, or null when the change was a reset.</summary>
    public string? ValueJson { get; set; }

    public int Version { get; set; }

    public string ChangedBy { get; set; } = "";

    public DateTimeOffset ChangedAt { get; set; }
}
