using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>RFC 3339 date/time and ISO 8601 duration checks.</summary>
internal static class DateTimeFormats
{
    // RFC 3339 Appendix A: units chain Y→M→D and H→M→S without gaps; weeks stand alone.
    private const string TimePart = "T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)";
    private const string DatePart = "(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)";

    private static readonly Regex s_duration = new(
        $"^P(?:[0-9]+W|{DatePart}(?:{TimePart})?|{TimePart})\\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        TimeSpan.FromMilliseconds(100));

    public static bool IsDateTime(string text)
    {
        int t = text.IndexOfAny(['T', 't']);
        return t == 10 && IsDate(text[..10]) && IsTime(text[11..]);
    }

    public static bool IsDate(string text)
    {
        if (text.Length != 10 || text[4] != '-' || text[7] != '-'
            || !TryDigits(text, 0, 4, out int year) || !TryDigits(text, 5, 2, out int month) || !TryDigits(text, 8, 2, out int day))
        {
            return false;
        }

        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(Math.Max(year, 1), month);
    }

    public static bool IsTime(string text)
    {
        // hh:mm:ss[.frac](Z|±hh:mm)
        if (text.Length < 9 || text[2] != ':' || text[5] != ':'
            || !TryDigits(text, 0, 2, out int hour) || !TryDigits(text, 3, 2, out int minute) || !TryDigits(text, 6, 2, out int second))
        {
            return false;
        }

        int i = 8;
        if (i < text.Length && text[i] == '.')
        {
            int start = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i >= text.Length)
        {
            return false;
        }

        int offsetMinutes = 0;
        char zone = text[i];
        if (zone is 'Z' or 'z')
        {
            if (i + 1 != text.Length)
            {
                return false;
            }
        }
        else if (zone is '+' or '-')
        {
            if (text.Length - i != 6 || text[i + 3] != ':' || !TryDigits(text, i + 1, 2, out int oh) || !TryDigits(text, i + 4, 2, out int om)
                || oh > 23 || om > 59)
            {
                return false;
            }

            offsetMinutes = (zone == '+' ? 1 : -1) * ((oh * 60) + om);
        }
        else
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        if (second == 60)
        {
            // A leap second only exists at 23:59:60 UTC.
            int utc = (((hour * 60) + minute - offsetMinutes) % 1440 + 1440) % 1440;
            return utc == (23 * 60) + 59;
        }

        return true;
    }

    public static bool IsDuration(string text) => s_duration.IsMatch(text);

    private static bool TryDigits(string text, int start, int count, out int value) =>
        int.TryParse(text.AsSpan(start, count), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
