using System.Globalization;

namespace AiFlow.Web.Features.Runs.List;

/// <summary>
/// The run list's time filters as people type and read them: ISO date and 24-hour time in UTC ("2026-12-06 14:00"),
/// the way the table writes times, so a dashboard's hour range reads the same in the filter fields as in the list.
/// </summary>
public static class FilterTime
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
        "yyyy-MM-dd HH:mm 'UTC'", "yyyy-MM-dd HH:mm:ss 'UTC'",
    ];

    /// <summary>Minutes always, seconds only when set (a drill-down's hour range reads "2026-12-06 14:00").</summary>
    public static string Format(DateTimeOffset? at)
    {
        if (at is not { } value) return "";
        var utc = value.UtcDateTime;
        return utc.ToString(utc.Second == 0 && utc.Millisecond == 0 ? "yyyy-MM-dd HH:mm" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    /// <summary>Empty text clears the filter (null, true); text that is not an ISO date-time is refused (false).</summary>
    public static bool TryParse(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTime.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }
        at = new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Utc));
        return true;
    }
}
