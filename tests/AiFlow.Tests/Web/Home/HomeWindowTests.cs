using AiFlow.Web.Features.Home;

namespace AiFlow.Tests.Web.Home;

/// <summary>The home page's "Last 24 h": whole hours, as the rollups count them, and 24 of them.</summary>
public sealed class HomeWindowTests
{
    [Theory]
    [InlineData("2026-12-07T21:50:30Z", "2026-12-06T22:00:00Z", "2026-12-07T22:00:00Z")]
    [InlineData("2026-12-07T22:00:00Z", "2026-12-06T23:00:00Z", "2026-12-07T23:00:00Z")]
    public void The_window_is_the_24_whole_hours_ending_with_the_current_one(string now, string from, string to)
    {
        var window = HomeQueries.WindowAt(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        // It was 25 hours (21:00 the day before to 22:00) whenever "now" was not on the hour.
        Assert.Equal(DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture), window.From);
        Assert.Equal(DateTimeOffset.Parse(to, System.Globalization.CultureInfo.InvariantCulture), window.To);
        Assert.Equal(TimeSpan.FromHours(24), window.To - window.From);
    }
}
