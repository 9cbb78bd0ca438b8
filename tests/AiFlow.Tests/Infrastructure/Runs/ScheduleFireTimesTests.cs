using AiFlow.Infrastructure.Runs.Scheduling;

namespace AiFlow.Tests.Infrastructure.Runs;

public class ScheduleFireTimesTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_next_five_fire_times_are_read_in_the_schedule_s_time_zone()
    {
        var tokyo = ScheduleFireTimes.Zone("Asia/Tokyo")!;

        var next = ScheduleFireTimes.Next("0 30 6 ? * MON-FRI", tokyo, Wednesday);

        Assert.Equal(5, next.Count);
        // 12:00 UTC on Wednesday is 21:00 in Tokyo: the next 06:30 is Thursday's, local time, +09:00.
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 6, 30, 0, TimeSpan.FromHours(9)), next[0]);
        Assert.All(next, at => Assert.Equal((6, 30, TimeSpan.FromHours(9)), (at.Hour, at.Minute, at.Offset)));
        Assert.Equal(new DateTimeOffset(2026, 3, 11, 6, 30, 0, TimeSpan.FromHours(9)), next[4]);
    }

    [Theory]
    [InlineData("0 61 * * * ?")]
    [InlineData("every monday")]
    [InlineData("0 0 25 * * ?")]
    public void An_invalid_cron_is_refused_with_Quartz_s_reason(string cron)
    {
        var problem = ScheduleFireTimes.Problem(cron);

        Assert.NotNull(problem);
        Assert.StartsWith($"'{cron}' is not a valid Quartz cron expression: ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 3 1 1 ? 2001")]
    [InlineData("0 0 0 30 2 ?")]
    public void A_cron_that_never_fires_again_is_refused_though_it_parses(string cron)
    {
        var now = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        Assert.Null(ScheduleFireTimes.Problem(cron));
        Assert.StartsWith($"'{cron}' never fires after 2026-12-07 12:00 (UTC)", ScheduleFireTimes.Problem(cron, TimeZoneInfo.Utc, now), StringComparison.Ordinal);
        Assert.Null(ScheduleFireTimes.Problem("0 0 6 ? * MON", TimeZoneInfo.Utc, now));
    }

    [Fact]
    public void An_unknown_zone_is_none_and_an_empty_one_is_UTC()
    {
        Assert.Null(ScheduleFireTimes.Zone("Mars/Olympus"));
        Assert.Equal(TimeZoneInfo.Utc, ScheduleFireTimes.Zone(""));
        Assert.Null(ScheduleFireTimes.Problem("0 0 6 ? * MON"));
    }
}
