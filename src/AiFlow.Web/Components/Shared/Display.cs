using System.Globalization;
using System.Text.Json;

namespace AiFlow.Web.Components.Shared;

/// <summary>How the console writes times, durations, money and JSON: one place, invariant culture.</summary>
public static class Display
{
    // Relaxed escaping: the text is shown by Blazor, which encodes it for HTML itself, so "<main>" should read as typed
    // rather than as \u003Cmain\u003E.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string When(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } s || end is not { } e) return "—";
        var span = e - s;
        return span.TotalSeconds < 60
            ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }

    public static string Money(decimal value) => value.ToString("$0.0000", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Indents a JSON document for reading; text that is not JSON is shown as it is.</summary>
    public static string PrettyJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return "";
        try
        {
            using var document = JsonDocument.Parse(json);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
