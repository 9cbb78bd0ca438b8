using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Timeline;
using AiFlow.Web.Features.Runs.Timeline;
using Bunit;

namespace AiFlow.Tests.Web.Runs;

public class RunTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TimelineItem Item(string node, int startS, int endS, int attempt = 1, StepRunStatus status = StepRunStatus.Completed) =>
        new(Guid.NewGuid(), node, attempt, status, T0.AddSeconds(startS), T0.AddSeconds(endS));

    private static BunitContext Context()
    {
        var ctx = MudBunit.NewContext();
        return ctx;
    }

    [Fact]
    public async Task The_timeline_stacks_parallel_attempts_on_lanes_and_draws_a_retry_after_its_wait()
    {
        await using var ctx = Context();
        TimelineItem[] items =
        [
            Item("fetch", 0, 10),
            Item("left", 10, 20), Item("right", 10, 16, 1, StepRunStatus.Failed), Item("right", 18, 24, 2),
            Item("join", 24, 30),
        ];

        var timeline = ctx.Render<RunTimeline>(p => p.Add(x => x.Items, items).Add(x => x.Now, T0.AddSeconds(30)));

        var lanes = timeline.FindAll("[data-testid=timeline-lane]");
        Assert.Equal(2, lanes.Count);
        string[] BarsOf(int lane) => [.. lanes[lane].QuerySelectorAll("[data-testid=timeline-bar]").Select(b => b.GetAttribute("data-node") + "#" + b.GetAttribute("data-attempt"))];
        Assert.Equal(["fetch#1", "left#1", "join#1"], BarsOf(0));
        Assert.Equal(["right#1", "right#2"], BarsOf(1));
        Assert.Equal(["fetch → left → join", "right"], timeline.FindAll("[data-testid=timeline-lane-label]").Select(l => l.TextContent));
        Assert.Equal("Failed", timeline.Find("[data-node=right][data-attempt='1']").GetAttribute("data-status"));
        var wait = Assert.Single(lanes[1].QuerySelectorAll("[data-testid=timeline-wait]"));
        Assert.Contains("waited 2.0 s before attempt 2", wait.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Contains("left:60%", timeline.Find("[data-node=right][data-attempt='2']").GetAttribute("style")!.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_with_two_hundred_parallel_steps_renders_only_a_window_of_lanes()
    {
        await using var ctx = Context();
        var items = Enumerable.Range(0, 200).Select(i => Item($"n{i}", 0, 10 + i)).ToArray();

        var timeline = ctx.Render<RunTimeline>(p => p.Add(x => x.Items, items).Add(x => x.Now, T0.AddSeconds(300)));

        Assert.Equal("200", timeline.Find("[data-testid=timeline]").GetAttribute("data-lanes"));
        var rendered = timeline.FindAll("[data-testid=timeline-lane]").Count;
        Assert.InRange(rendered, 14, 50);
    }
}
