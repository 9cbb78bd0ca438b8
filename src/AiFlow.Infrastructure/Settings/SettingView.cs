using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Settings;

/// <summary>A setting as the page and <c>GET /api/settings</c> show it: what it takes, its effective value and where that comes from.</summary>
/// <param name="Value">The effective value (null: empty or not set anywhere).</param>
/// <param name="Source">Where <paramref name="Value"/> comes from: <c>default</c>, <c>appsettings</c>, <c>environment</c>, <c>configuration</c> or <c>database</c>.</param>
/// <param name="FileValue">The value beneath the database's (appsettings, environment), which a reset brings back; null when none.</param>
/// <param name="FileSource">Where <paramref name="FileValue"/> comes from, or <c>default</c>.</param>
/// <param name="Version">The version a write must name: 0 when the setting was never stored.</param>
public sealed record SettingView(
    string Key,
    string Group,
    string Type,
    string Description,
    string Accepts,
    IReadOnlyList<string>? Choices,
    bool AllowEmpty,
    double? Min,
    double? Max,
    string Default,
    JsonNode? Value,
    string Source,
    JsonNode? FileValue,
    string FileSource,
    int Version,
    string? UpdatedBy,
    DateTimeOffset? UpdatedAt);
