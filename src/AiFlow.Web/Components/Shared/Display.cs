using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Web.Components.Shared;

/// <summary>How the console writes times, durations, money and JSON: one place, invariant culture.</summary>
public static class Display
{
    // Relaxed escaping: the text is shown by Blazor or an editor, which encode it for HTML themselves, so "<main>",
    // "Zoë Müller" and "c'est" read as typed rather than as \u003Cmain\u003E, Zo\u00EB M\u00FCller and c\u0027est.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string When(DateTimeOffset? at) =>
        at is { } value ? value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : "—";

    /// <summary>How long ago, in the largest whole unit: "just now", "3 min ago", "2 h ago", "4 days ago".</summary>
    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var span = now - at;
        if (span < TimeSpan.FromMinutes(1)) return "just now";
        if (span < TimeSpan.FromHours(1)) return $"{(int)span.TotalMinutes} min ago";
        if (span < TimeSpan.FromDays(1)) return $"{(int)span.TotalHours} h ago";
        var days = (int)span.TotalDays;
        return days == 1 ? "1 day ago" : $"{days} days ago";
    }

    public static string Duration(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } s || end is not { } e) return "—";
        var span = e - s;
        return span.TotalSeconds < 60
            ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
            : span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Four decimals; below a hundredth of a cent, two significant digits: a call costing $0.000015 is not "$0.0000".</summary>
    public static string Money(decimal value)
    {
        var size = Math.Abs(value);
        if (size == 0 || size >= 0.0001m) return value.ToString("$0.0000", CultureInfo.InvariantCulture);
        var decimals = Math.Min(12, (int)Math.Floor(-Math.Log10((double)size)) + 2);
        return value.ToString("$0.0000" + new string('#', decimals - 4), CultureInfo.InvariantCulture);
    }

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>Indents a JSON value for reading or editing, with its characters as typed.</summary>
    public static string PrettyJson(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

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
