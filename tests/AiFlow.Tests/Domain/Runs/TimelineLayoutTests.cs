using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Timeline;

namespace AiFlow.Tests.Domain.Runs;

public class TimelineLayoutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimelineItem Item(string node, int startS, int? endS, int attempt = 1, StepRunStatus status = StepRunStatus.Completed) =>
        new(Guid.NewGuid(), node, attempt, status, T0.AddSeconds(startS), endS is { } e ? T0.AddSeconds(e) : null);

    [Fact]
    public void Sequential_attempts_share_one_lane_and_parallel_ones_stack()
    {
        var model = TimelineLayout.Layout([Item("a", 0, 10), Item("b", 10, 20), Item("c", 10, 15), Item("d", 12, 14), Item("e", 20, 30)], T0.AddSeconds(30));

        Assert.Equal(3, model.Lanes.Count);
        var lanes = model.Bars.ToDictionary(b => b.Item.NodeKey, b => b.Lane);
        Assert.Equal(0, lanes["a"]);
        Assert.Equal(0, lanes["b"]);
        Assert.Equal(1, lanes["c"]);
        Assert.Equal(2, lanes["d"]);
        Assert.Equal(0, lanes["e"]);
    }

    [Fact]
    public void Each_lane_is_named_after_the_nodes_it_holds_in_the_order_they_ran()
    {
        var model = TimelineLayout.Layout([Item("extract", 0, 10), Item("classify", 10, 20), Item("summarise", 10, 15),
            Item("classify", 25, 30, attempt: 2), Item("store", 30, 35)], T0.AddSeconds(35));

        Assert.Equal(["extract → classify → store", "summarise"], model.Lanes.Select(l => l.Label));
    }

    [Fact]
    public void Bars_are_placed_as_fractions_of_the_run_span()
    {
        var model = TimelineLayout.Layout([Item("a", 0, 10), Item("b", 10, 40)], T0.AddSeconds(40));

        var b = model.Bars.Single(x => x.Item.NodeKey == "b");
        Assert.Equal(0.25, b.Left, 6);
        Assert.Equal(0.75, b.Width, 6);
        Assert.Equal(TimeSpan.FromSeconds(30), b.Duration);
    }

    [Fact]
    public void A_retry_is_its_own_bar_with_the_wait_before_it_on_the_same_lane()
    {
        var model = TimelineLayout.Layout(
            [Item("a", 0, 5, 1, StepRunStatus.Failed), Item("x", 0, 20), Item("a", 8, 12, 2), Item("y", 6, 7)], T0.AddSeconds(20));

        var attempts = model.Bars.Where(b => b.Item.NodeKey == "a").OrderBy(b => b.Item.Attempt).ToList();
        Assert.Equal(2, attempts.Count);
        var wait = Assert.Single(model.Waits);
        Assert.Equal("a", wait.NodeKey);
        Assert.Equal(2, wait.BeforeAttempt);
        Assert.Equal(TimeSpan.FromSeconds(3), wait.Duration);
        Assert.Equal(attempts[1].Lane, wait.Lane);
        // y ran in a's back-off window, so it may not share the retry's lane.
        Assert.NotEqual(attempts[1].Lane, model.Bars.Single(b => b.Item.NodeKey == "y").Lane);
    }

    [Fact]
    public void An_open_attempt_runs_until_now()
    {
        var model = TimelineLayout.Layout([Item("a", 0, null, 1, StepRunStatus.Running)], T0.AddSeconds(7));

        var bar = Assert.Single(model.Bars);
        Assert.True(bar.IsOpen);
        Assert.Equal(T0.AddSeconds(7), model.End);
        Assert.Equal(1.0, bar.Width, 6);
    }

    [Fact]
    public void No_attempts_lay_out_as_an_empty_timeline()
    {
        Assert.Empty(TimelineLayout.Layout([], T0).Lanes);
    }
}
