using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Settings;

/// <summary>One line of a setting's history: the value set (or a reset), its version, who and when.</summary>
public sealed record SettingChangeView(int Version, JsonNode? Value, bool Reset, string ChangedBy, DateTimeOffset ChangedAt);
