namespace AiFlow.Infrastructure.Settings;

/// <summary>A value the catalogue accepted, in its two forms; or why it was refused.</summary>
/// <param name="ConfigurationValue">The string configuration holds ("" for empty, numbers in the invariant culture).</param>
/// <param name="StoredJson">The JSON stored in the database (the literal <c>null</c> for empty).</param>
public sealed record SettingCheck(string? ConfigurationValue, string? StoredJson, string? Error)
{
    public bool Accepted => Error is null;

    public static SettingCheck Ok(string configurationValue, string storedJson) => new(configurationValue, storedJson, null);

    public static SettingCheck Refused(string error) => new(null, null, error);
}
