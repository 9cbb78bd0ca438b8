using AiFlow.Web.Features.Runs.List;

namespace AiFlow.Tests.Web.Runs;

public class FilterTimeTests
{
    [Theory]
    [InlineData("2026-12-06 14:00", "2026-12-06T14:00:00Z")]
    [InlineData("2026-12-06 14:00:30", "2026-12-06T14:00:30Z")]
    [InlineData("2026-12-06T09:05", "2026-12-06T09:05:00Z")]
    [InlineData(" 2026-12-06 ", "2026-12-06T00:00:00Z")]
    [InlineData("2026-12-06 14:00:00 UTC", "2026-12-06T14:00:00Z")]
    public void A_time_filter_reads_iso_dates_with_24_hour_times_as_utc(string text, string expected)
    {
        Assert.True(FilterTime.TryParse(text, out var at));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), at);
    }

    [Theory]
    [InlineData("12/06/2026")]
    [InlineData("2026-12-06 2pm")]
    [InlineData("2026-13-01 10:00")]
    public void A_time_filter_refuses_what_is_not_an_iso_date_time(string text) => Assert.False(FilterTime.TryParse(text, out _));

    [Fact]
    public void A_time_filter_writes_minutes_and_seconds_only_when_set()
    {
        Assert.Equal("2026-12-06 14:00", FilterTime.Format(new DateTimeOffset(2026, 12, 6, 14, 0, 0, TimeSpan.Zero)));
        Assert.Equal("2026-12-06 14:00:30", FilterTime.Format(new DateTimeOffset(2026, 12, 6, 15, 0, 30, TimeSpan.FromHours(1))));
        Assert.Equal("", FilterTime.Format(null));
        Assert.True(FilterTime.TryParse("", out var none));
        Assert.Null(none);
    }
}
