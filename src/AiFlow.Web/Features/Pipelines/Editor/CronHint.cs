using AiFlow.Web.Components.Shared;
using Quartz;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Reads a Quartz cron expression back to its author as the next times it would fire, which catches a swapped field sooner than the syntax does.</summary>
public static class CronHint
{
    public const string Example = "0 0 6 ? * MON";

    public const string Syntax = "Quartz cron: seconds minutes hours day-of-month month day-of-week [year]; e.g. " + Example + " is every Monday at 06:00. Empty removes the schedule.";

    /// <summary>The next <paramref name="count"/> firings after <paramref name="now"/> in <paramref name="zone"/> (the zone the trigger uses), or why there are none.</summary>
    public static string Describe(string? cron, DateTimeOffset now, TimeZoneInfo zone, int count = 3)
    {
        if (string.IsNullOrWhiteSpace(cron)) return "No schedule: the pipeline is evaluated only when someone starts an evaluation.";
        if (!CronExpression.TryParse(cron.Trim(), out var parsed) || parsed is null) return "Not a Quartz cron expression yet (six or seven fields, seconds first).";
        var expression = parsed.WithTimeZone(zone);
        var next = new List<DateTimeOffset>();
        for (var at = expression.GetNextValidTimeAfter(now); at is { } fire && next.Count < count; at = expression.GetNextValidTimeAfter(fire))
        {
            next.Add(fire);
        }
        return next.Count == 0
            ? "This expression never fires again."
            : "Next runs: " + string.Join("; ", next.Select(n => Display.When(n))) + ".";
    }
}
