using System.Globalization;

namespace AiFlow.Web.Api;

/// <summary>
/// Range checks for query parameters, done before any query runs (ADR 0021): page numbers that keep OFFSET within
/// reach, dates PostgreSQL and the dashboards can bucket, and no control character in a path or query value.
/// </summary>
public static class ApiQuery
{
    /// <summary>The highest page number any list takes: page × page size stays far below int.MaxValue.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Dates before this are refused: nothing in AiFlow is older, and year 1 makes PostgreSQL walk two millennia of buckets.</summary>
    public static readonly DateTimeOffset EarliestDate = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Dates from this on are refused: far enough for any schedule, and adding a bucket to it never overflows.</summary>
    public static readonly DateTimeOffset LatestDate = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Null when <paramref name="page"/> (from <paramref name="firstPage"/>) and <paramref name="pageSize"/> (1..<paramref name="maxPageSize"/>) are in range.</summary>
    public static IResult? CheckPage(int page, int pageSize, int maxPageSize, int firstPage = 1)
    {
        if (page < firstPage || page > MaxPage) return ApiProblems.Parameter("page", $"page is a whole number from {firstPage} to {MaxPage}.");
        if (pageSize < 1 || pageSize > maxPageSize) return ApiProblems.Parameter("pageSize", $"pageSize is a whole number from 1 to {maxPageSize}.");
        return null;
    }

    /// <summary>A whole number from the query, or the fallback when absent; a problem when present and not a whole number in range.</summary>
    public static (int Value, IResult? Problem) Int(HttpRequest request, string name, int fallback, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (fallback, null);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? (value, null)
            : (fallback, ApiProblems.Parameter(name, $"{name} is a whole number from {min} to {max}."));
    }

    /// <summary>An ISO 8601 date from the query (UTC when no offset is given), or null when absent; a problem when malformed or out of range.</summary>
    public static (DateTimeOffset? Value, IResult? Problem) Date(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = request.Query[name].ToString();
        if (text.Length == 0) return (null, null);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return (null, ApiProblems.Parameter(name, $"{name} must be an ISO 8601 date, e.g. 2026-01-31T00:00:00Z."));
        }
        return at >= EarliestDate && at < LatestDate
            ? (at, null)
            : (null, ApiProblems.Parameter(name, $"{name} must fall between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}."));
    }

    /// <summary>The name of the first query parameter (or "path") holding a control character, or null.</summary>
    internal static string? ControlCharacterIn(HttpRequest request)
    {
        if (HasControl(request.Path.Value)) return "path";
        foreach (var (key, values) in request.Query)
        {
            if (HasControl(key)) return "query";
            foreach (var value in values)
            {
                if (HasControl(value)) return key;
            }
        }
        return null;
    }

    private static bool HasControl(string? text) =>
        text is not null && text.AsSpan().IndexOfAnyInRange('\0', '\u001f') >= 0;
}
