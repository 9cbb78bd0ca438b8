using System.Globalization;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Runs.Timeline;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Runs.Timeline;

/// <summary>
/// Gantt chart of a run's step attempts: one bar per attempt, lanes for parallel work, dashed waits between retries,
/// colour by status, timings on hover. Lanes are virtualised, so a run with hundreds of parallel steps stays light.
/// </summary>
public partial class RunTimeline
{
    private const int LaneHeight = 28;
    private const int LabelWidth = 120;
    private const int MaxVisibleLanes = 14;
    /// <summary>Caps how many lanes Virtualize renders before it has measured the viewport (14 visible + overscan).</summary>
    private const int MaxRenderedLanes = 30;

    /// <summary>The attempts to draw; attempts without a start are not drawn yet.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<TimelineItem> Items { get; set; } = [];

    /// <summary>Where open attempts end for now.</summary>
    [Parameter] public DateTimeOffset Now { get; set; }

    [Parameter] public Guid? SelectedId { get; set; }

    [Parameter] public EventCallback<Guid> OnSelect { get; set; }

    private TimelineModel model = TimelineModel.Empty;
    private List<TimelineLane> lanes = [];
    private int barCount;

    private int Height => (Math.Min(model.Lanes.Count, MaxVisibleLanes) * LaneHeight) + 2;

    protected override void OnParametersSet()
    {
        model = TimelineLayout.Layout(Items, Now);
        lanes = [.. model.Lanes];
        barCount = Items.Count;
    }

    private IEnumerable<string> Ticks()
    {
        var span = model.End - model.Start;
        for (var i = 0; i <= 4; i++) yield return "+" + Format(span * (i / 4.0));
    }

    private static string Pct(double fraction) => (fraction * 100).ToString("0.###", CultureInfo.InvariantCulture) + "%";

    private string BarStyle(TimelineBar bar)
    {
        var selected = bar.Item.Id == SelectedId ? "outline:2px solid #000;z-index:2;" : "";
        var open = bar.IsOpen ? "background-image:repeating-linear-gradient(45deg,rgba(255,255,255,.25) 0 6px,transparent 6px 12px);" : "";
        return $"position:absolute;top:4px;height:{LaneHeight - 8}px;left:{Pct(bar.Left)};width:max({Pct(bar.Width)},3px);" +
               $"background:{StatusColors.For(bar.Item.Status)};{open}{selected}color:#fff;font-size:11px;line-height:{LaneHeight - 8}px;" +
               "overflow:hidden;white-space:nowrap;border-radius:3px;padding:0 3px;cursor:pointer;box-sizing:border-box";
    }

    private static string BarLabel(TimelineBar bar) => bar.Item.Attempt > 1 ? $"{bar.Item.NodeKey} #{bar.Item.Attempt}" : bar.Item.NodeKey;

    private string BarTitle(TimelineBar bar) =>
        $"{bar.Item.NodeKey} · attempt {bar.Item.Attempt} · {bar.Item.Status}\n" +
        $"start +{Format(bar.Item.Start - model.Start)} · {(bar.IsOpen ? "running for" : "took")} {Format(bar.Duration)}\n" +
        $"{bar.Item.Start.UtcDateTime:HH:mm:ss.fff} → {(bar.IsOpen ? "…" : bar.End.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture))} UTC";

    private static string WaitTitle(TimelineWait wait) => $"{wait.NodeKey}: waited {Format(wait.Duration)} before attempt {wait.BeforeAttempt}";

    private static string Format(TimeSpan span) => span.TotalSeconds < 1
        ? span.TotalMilliseconds.ToString("0' ms'", CultureInfo.InvariantCulture)
        : span.TotalSeconds < 120 ? span.TotalSeconds.ToString("0.0' s'", CultureInfo.InvariantCulture) : span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);

    internal static TimelineItem? ToItem(View.StepSummary step) =>
        step.StartedAt is { } start ? new TimelineItem(step.Id, step.NodeKey, step.Attempt, step.Status, start, step.Status is StepRunStatus.Running or StepRunStatus.WaitingForReview ? null : step.FinishedAt ?? start) : null;
}
