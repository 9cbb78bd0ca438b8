namespace AiFlow.Domain.Budgets;

/// <summary>
/// The UTC window a budget counts at an instant: the day from midnight, the ISO week from Monday midnight, the month
/// from the first at midnight. UTC so a budget resets at the same instant for every user and server.
/// </summary>
public static class BudgetPeriods
{
    public static (DateTimeOffset Start, DateTimeOffset End) Window(BudgetPeriod period, DateTimeOffset at)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            BudgetPeriod.Day => (day, day.AddDays(1)),
            BudgetPeriod.Week => WeekOf(day),
            BudgetPeriod.Month => (day.AddDays(1 - day.Day), day.AddDays(1 - day.Day).AddMonths(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(period), period, null),
        };
    }

    /// <summary>The start of the earliest window any period counts at <paramref name="at"/>: one read covers them all.</summary>
    public static DateTimeOffset EarliestStart(DateTimeOffset at) =>
        Enum.GetValues<BudgetPeriod>().Min(p => Window(p, at).Start);

    private static (DateTimeOffset, DateTimeOffset) WeekOf(DateTimeOffset day)
    {
        // DayOfWeek counts from Sunday = 0; ISO weeks start on Monday.
        var sinceMonday = ((int)day.DayOfWeek + 6) % 7;
        var start = day.AddDays(-sinceMonday);
        return (start, start.AddDays(7));
    }
}
