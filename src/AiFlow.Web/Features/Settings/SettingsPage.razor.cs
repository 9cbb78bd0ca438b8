using System.Globalization;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Settings;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Settings;

/// <summary>
/// The Admin's settings page (ADR 0037): each setting with its effective value and source, an editor checked by the
/// catalogue (a refusal shows under the field, nothing saved), reset to the files' value, and its history.
/// </summary>
public partial class SettingsPage
{
    [Inject] private SettingsService Settings { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyList<SettingView>? settings;
    private readonly Dictionary<string, string?> edits = [];
    private readonly Dictionary<string, string> errors = [];
    private readonly Dictionary<string, IReadOnlyList<SettingChangeView>> histories = [];
    private bool busy;

    protected override async Task OnInitializedAsync() => settings = await Settings.ListAsync(CancellationToken.None);

    private string? Edit(SettingView s) => edits.TryGetValue(s.Key, out var text) ? text : s.Value is null ? "" : Text(s.Value);

    private static string Shown(JsonNode? value) => value is null ? "(empty)" : Text(value);

    /// <summary>
    /// A value where it comes from: when no source sets it, the code's default applies, which is not "(empty)" (for a
    /// retention TTL, empty means "kept for ever", the opposite of the 30 days that apply).
    /// </summary>
    private static string Shown(JsonNode? value, string source, string defaultValue) => value is null && source == "default" ? defaultValue : Shown(value);

    private static string Text(JsonNode value) => value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    /// <summary>The field's text as the JSON the setting's type takes; text a number field cannot read goes as a string, which the catalogue refuses with its reason.</summary>
    private static JsonValue? ToJson(SettingView s, string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        return s.Type switch
        {
            nameof(SettingType.Integer) when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            nameof(SettingType.Number) when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) => JsonValue.Create(x),
            _ => JsonValue.Create(text),
        };
    }

    private Task SaveAsync(SettingView s) => ChangeAsync(s, () => Settings.SetAsync(s.Key, ToJson(s, Edit(s)), s.Version, CancellationToken.None), "saved");

    private Task ResetAsync(SettingView s) => ChangeAsync(s, () => Settings.ResetAsync(s.Key, s.Version, CancellationToken.None), "reset");

    private async Task ChangeAsync(SettingView s, Func<Task<SaveResult<SettingView>>> change, string done)
    {
        busy = true;
        try
        {
            errors.Remove(s.Key);
            var result = await change();
            if (!result.Saved)
            {
                errors[s.Key] = result.Message;
                return;
            }
            edits.Remove(s.Key);
            Snackbar.Add($"{s.Key} {done}.", Severity.Success);
            settings = await Settings.ListAsync(CancellationToken.None);
            if (histories.ContainsKey(s.Key)) histories[s.Key] = (await Settings.HistoryAsync(s.Key, CancellationToken.None))!;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ToggleHistoryAsync(SettingView s)
    {
        if (!histories.Remove(s.Key)) histories[s.Key] = await Settings.HistoryAsync(s.Key, CancellationToken.None) ?? [];
    }
}
