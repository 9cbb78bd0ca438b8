using System.Globalization;
using AiFlow.Domain.Metrics;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Infrastructure.Judges;
using AiFlow.Web.Components.Shared;
using AiFlow.Web.Features.Dashboards.Charts;
using AiFlow.Web.Features.Dashboards.Data;
using AiFlow.Web.Features.Runs.List;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace AiFlow.Web.Features.Dashboards;

/// <summary>Ops dashboards over a time range; every bar and pipeline row drills down to the run list with matching filters.</summary>
public partial class DashboardsPage
{
    private static readonly Dictionary<string, TimeSpan> Ranges = new()
    {
        ["1 hour"] = TimeSpan.FromHours(1), ["6 hours"] = TimeSpan.FromHours(6), ["24 hours"] = TimeSpan.FromHours(24),
        ["7 days"] = TimeSpan.FromDays(7), ["30 days"] = TimeSpan.FromDays(30),
    };

    private static readonly string Bound = LatencyHistogram.RelativeErrorBound.ToString("P2", CultureInfo.InvariantCulture);

    /// <summary>The percentiles come from histograms, not from the runs themselves: say how far off they can be.</summary>
    private static readonly string LatencyHint =
        $"Estimated from hourly latency histograms ({LatencyHistogram.BucketsPerOctave} log-spaced buckets per doubling): within ±{Bound} of the exact percentile.";

    [Inject] private DashboardQueries Queries { get; set; } = default!;
    [Inject] private JudgeService Judges { get; set; } = default!;
    [Inject] private JudgeAgreementService Agreement { get; set; } = default!;
    [Inject] private DashboardRollups Rollups { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private string range = "24 hours";
    private DashboardData? data;
    private IReadOnlyList<(string Judge, JudgeAgreementRow Row)> judgeRows = [];
    private bool judgesExist;
    private bool refreshing;
    private DateTimeOffset? rolledUpAt;
    private DateTimeOffset now;

    /// <summary>The figures are as fresh as the rollups they are read from: say how fresh.</summary>
    private string RolledUp => rolledUpAt is { } at ? $"Rolled up {Display.Ago(at, now)}" : "Not rolled up yet";

    private string BacklogLabel => data is null || data.ReviewBacklog.Count == 0 ? "review backlog"
        : "review backlog (" + string.Join(", ", data.ReviewBacklog.Select(b => $"{b.Value} {b.Key}")) + ")";

    private string IrValidity
    {
        get
        {
            var total = data?.Validation.Sum(v => v.Total) ?? 0;
            return total == 0 ? "—" : Display.Percent((double)data!.Validation.Sum(v => v.Valid) / total);
        }
    }

    protected override async Task OnInitializedAsync()
    {
        var query = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        if (query.TryGetValue("range", out var r) && Ranges.ContainsKey(r.ToString())) range = r.ToString();
        await LoadAsync();
        await LoadJudgesAsync();
    }

    private async Task LoadAsync()
    {
        now = Clock.GetUtcNow();
        rolledUpAt = await Rollups.RefreshedAtAsync(CancellationToken.None);
        // The range's whole hours ending with the current one: "24 hours" snapped outwards at both ends was 25 hours.
        var (_, to) = DashboardQueries.Snap(now, now);
        data = await Queries.LoadAsync(to - Ranges[range], to, CancellationToken.None);
    }

    /// <summary>
    /// Agreement is over every decided item, not the time window (a judge earns or loses its standing over time), so it
    /// is read once per visit rather than again with each range change.
    /// </summary>
    private async Task LoadJudgesAsync()
    {
        var judges = await Judges.ListAsync(CancellationToken.None);
        judgesExist = judges.Count > 0;
        var rows = new List<(string, JudgeAgreementRow)>();
        foreach (var judge in judges)
        {
            rows.AddRange((await Agreement.ForJudgeAsync(judge.Key, CancellationToken.None)).Where(r => r.StepKey is not null).Select(r => (judge.Key, r)));
        }
        judgeRows = rows;
    }

    private async Task OnRangeChanged(string value)
    {
        range = value;
        data = null;
        await LoadAsync();
    }

    private async Task RefreshViewsAsync()
    {
        refreshing = true;
        try
        {
            await Rollups.RefreshAsync(CancellationToken.None);
            await LoadAsync();
            Snackbar.Add("Dashboard data refreshed.", Severity.Success);
        }
        finally
        {
            refreshing = false;
        }
    }

    private string Rate(long count) => (count / data!.Minutes).ToString("0.##", CultureInfo.InvariantCulture);

    private static string Ms(double? ms) => ms is { } v ? v.ToString("0", CultureInfo.InvariantCulture) + " ms" : "—";

    private List<ChartPoint> Points(Func<TimeBucket, double> value, Func<TimeBucket, string> tooltip, string? status = null) =>
        [.. data!.Series.Select(b =>
        {
            var from = new DateTimeOffset(DateTime.SpecifyKind(b.Bucket, DateTimeKind.Utc));
            var to = data.Hourly ? from.AddHours(1) : from.AddDays(1);
            var label = data.Hourly ? from.ToString("MM-dd HH:00", CultureInfo.InvariantCulture) : from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var filter = new RunFilter { From = from, To = to, Status = status is null ? null : Enum.Parse<Domain.Runs.RunStatus>(status) };
            return new ChartPoint(label, value(b), $"{label}: {tooltip(b)}", RunsHref(filter));
        })];

    private string PipelineHref(Breakdown row) => RunsHref(new RunFilter { PipelineId = row.Id, From = data!.From, To = data.To });

    internal static string RunsHref(RunFilter filter) => QueryHelpers.AddQueryString("/runs", filter.ToQuery().Where(kv => kv.Value is not null));
}
