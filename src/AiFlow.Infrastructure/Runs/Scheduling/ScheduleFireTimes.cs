using Quartz;

namespace AiFlow.Infrastructure.Runs.Scheduling;

/// <summary>
/// Reads a Quartz cron expression in a time zone the way the trigger will: the reason it is refused, or the next times
/// it fires. The schedule editor previews with it and the schedule service refuses with it, so both say the same thing.
/// </summary>
public static class ScheduleFireTimes
{
    public const string DefaultZone = "UTC";

    /// <summary>Why <paramref name="cron"/> is not a Quartz cron expression (Quartz's own words), or null when it is.</summary>
    public static string? Problem(string cron)
    {
        try
        {
            _ = CronExpression.Parse(cron.Trim());
            return null;
        }
        catch (FormatException ex)
        {
            return $"'{cron.Trim()}' is not a valid Quartz cron expression: {ex.Message.TrimEnd('.')}. Six or seven fields: seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 6 ? * MON'.";
        }
    }

    /// <summary>
    /// As <see cref="Problem(string)"/>, and also refused when the expression never fires again after
    /// <paramref name="now"/> in <paramref name="zone"/> (a date in the past, the 30th of February): Quartz refuses such a
    /// trigger, and a schedule saved with it would say it is on while nothing ever runs.
    /// </summary>
    public static string? Problem(string cron, TimeZoneInfo zone, DateTimeOffset now) =>
        Problem(cron) ?? (Next(cron, zone, now, 1).Count == 0
            ? $"'{cron.Trim()}' never fires after {TimeZoneInfo.ConvertTime(now, zone):yyyy-MM-dd HH:mm} ({zone.Id}): check its day, month and year fields."
            : null);

    /// <summary>The zone named <paramref name="id"/> (IANA or Windows id; empty means UTC), or null when this machine knows none by that name.</summary>
    public static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    /// <summary>The next <paramref name="count"/> fire times after <paramref name="now"/>, as local times of <paramref name="zone"/>; empty when the expression never fires again.</summary>
    public static IReadOnlyList<DateTimeOffset> Next(string cron, TimeZoneInfo zone, DateTimeOffset now, int count = 5)
    {
        var expression = CronExpression.Parse(cron.Trim()).WithTimeZone(zone);
        var next = new List<DateTimeOffset>();
        for (var at = expression.GetNextValidTimeAfter(now); at is { } fire && next.Count < count; at = expression.GetNextValidTimeAfter(fire))
        {
            next.Add(TimeZoneInfo.ConvertTime(fire, zone));
        }
        return next;
    }
}
