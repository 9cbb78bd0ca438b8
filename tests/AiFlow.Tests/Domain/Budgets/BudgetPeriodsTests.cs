using AiFlow.Domain.Budgets;

namespace AiFlow.Tests.Domain.Budgets;

public sealed class BudgetPeriodsTests
{
    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_day_runs_from_midnight_utc_to_the_next_midnight_whatever_the_offset_of_the_instant()
    {
        // 01:30 at +02:00 is 23:30 UTC the day before: the UTC day counts.
        var (start, end) = BudgetPeriods.Window(BudgetPeriod.Day, At("2026-03-10T01:30:00+02:00"));
        Assert.Equal(At("2026-03-09T00:00:00Z"), start);
        Assert.Equal(At("2026-03-10T00:00:00Z"), end);
    }

    [Fact]
    public void A_week_starts_on_monday_so_a_sunday_belongs_to_the_week_before()
    {
        Assert.Equal(At("2026-12-07T00:00:00Z"), BudgetPeriods.Window(BudgetPeriod.Week, At("2026-12-07T00:00:00Z")).Start);
        var sunday = BudgetPeriods.Window(BudgetPeriod.Week, At("2026-12-06T23:59:59Z"));
        Assert.Equal(At("2026-11-30T00:00:00Z"), sunday.Start);
        Assert.Equal(At("2026-12-07T00:00:00Z"), sunday.End);
    }

    [Fact]
    public void A_month_runs_from_the_first_to_the_first_of_the_next_across_a_year_end_and_a_leap_february()
    {
        Assert.Equal((At("2026-12-01T00:00:00Z"), At("2027-01-01T00:00:00Z")), BudgetPeriods.Window(BudgetPeriod.Month, At("2026-12-31T23:59:59.999Z")));
        Assert.Equal((At("2028-02-01T00:00:00Z"), At("2028-03-01T00:00:00Z")), BudgetPeriods.Window(BudgetPeriod.Month, At("2028-02-29T12:00:00Z")));
    }

    [Fact]
    public void The_last_instant_of_a_period_is_inside_it_and_its_end_opens_the_next()
    {
        foreach (var period in Enum.GetValues<BudgetPeriod>())
        {
            var (start, end) = BudgetPeriods.Window(period, At("2026-05-20T10:00:00Z"));
            Assert.Equal(start, BudgetPeriods.Window(period, end.AddTicks(-1)).Start);
            Assert.Equal(end, BudgetPeriods.Window(period, end).Start);
        }
    }

    [Fact]
    public void The_earliest_start_covers_the_week_when_it_began_last_month()
    {
        // Tuesday 2 June 2026: its week began on Monday 1 June, the month too; on Wednesday 1 July the week began in June.
        Assert.Equal(At("2026-06-01T00:00:00Z"), BudgetPeriods.EarliestStart(At("2026-06-02T08:00:00Z")));
        Assert.Equal(At("2026-06-29T00:00:00Z"), BudgetPeriods.EarliestStart(At("2026-07-01T08:00:00Z")));
    }
}
