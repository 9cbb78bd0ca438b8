using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Settings;

/// <summary>
/// <c>PUT /api/settings/{key}</c>: the new value (any JSON the setting's type takes; null or "" for empty where the
/// setting allows it) and the version read from <c>GET /api/settings</c> (0 for a setting never stored).
/// </summary>
public sealed record SettingBody(JsonNode? Value, int? Version);
