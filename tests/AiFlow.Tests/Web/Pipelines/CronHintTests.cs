using AiFlow.Web.Features.Pipelines.Editor;

namespace AiFlow.Tests.Web.Pipelines;

public class CronHintTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void CronHint_names_the_next_three_mondays_for_the_example()
    {
        var hint = CronHint.Describe(CronHint.Example, Wednesday, TimeZoneInfo.Utc);

        Assert.Equal("Next runs: 2026-03-09 06:00:00 UTC; 2026-03-16 06:00:00 UTC; 2026-03-23 06:00:00 UTC.", hint);
    }

    [Theory]
    [InlineData("every monday", "Not a Quartz cron expression")]
    [InlineData("", "No schedule")]
    [InlineData("0 0 6 1 1 ? 2020", "never fires again")]
    public void CronHint_says_why_an_expression_gives_no_next_run(string cron, string expected)
    {
        Assert.Contains(expected, CronHint.Describe(cron, Wednesday, TimeZoneInfo.Utc), StringComparison.Ordinal);
    }
}
