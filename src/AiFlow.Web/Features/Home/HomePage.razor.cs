using System.Globalization;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Dashboards;
using AiFlow.Web.Components.Shared;
using AiFlow.Web.Features.Dashboards;
using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Home;

/// <summary>
/// A control room: per pipeline the last run, failures and p95 run time over 24 hours, the review backlog, today's
/// spend (against the pipeline's budget, when it has one) and the newest evaluation's gate verdict, each linking to where it comes from. A user sees the figures of the
/// pages they may open (the access table decides): a Reviewer the backlog, Ops the runs, an Admin both.
/// </summary>
public partial class HomePage
{
    [Inject] private HomeQueries Queries { get; set; } = default!;
    [Inject] private DashboardRollups Rollups { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private BudgetSpendReader Budgets { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private List<PipelineHealth>? pipelines;
    private (DateTimeOffset From, DateTimeOffset To) window;
    private DateTimeOffset today;
    private DateTimeOffset now;
    private DateTimeOffset? rolledUpAt;
    private bool seesRuns;
    private bool seesReviews;
    private bool seesBudgets;
    private IReadOnlyList<BudgetStatus> budgets = [];

    private string RolledUp => rolledUpAt is { } at ? $"Rolled up {Display.Ago(at, now)}" : "Not rolled up yet";

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        seesRuns = MayOpen(user, "/runs");
        seesReviews = MayOpen(user, "/review");
        now = Clock.GetUtcNow();
        window = HomeQueries.WindowAt(now);
        today = HomeQueries.StartOfDay(now);
        if (seesRuns) rolledUpAt = await Rollups.RefreshedAtAsync(CancellationToken.None);
        pipelines = await Queries.PipelinesAsync(now, CancellationToken.None);
        seesBudgets = MayOpen(user, "/admin/budgets");
        // Spend is shown to those who see runs; so are the budgets it is held against.
        if (seesRuns) budgets = await Budgets.ReadAsync(now, CancellationToken.None);
    }

    /// <summary>The pipeline's budget nearest its limit (a pipeline may have a daily and a monthly one), or null.</summary>
    private BudgetStatus? BudgetOf(Guid pipelineId) =>
        budgets.Where(b => b.Scope == BudgetScope.Pipeline && b.PipelineDefinitionId == pipelineId).OrderByDescending(b => b.Fraction).FirstOrDefault();

    private static bool MayOpen(System.Security.Claims.ClaimsPrincipal user, string page) =>
        AccessTable.PageRoles(page).Split(',').Any(user.IsInRole);

    private static string RunsHref(Guid pipelineId, DateTimeOffset from, DateTimeOffset? to, RunStatus? status) =>
        DashboardsPage.RunsHref(new RunFilter { PipelineId = pipelineId, From = from, To = to, Status = status });

    private static string Seconds(double? seconds) => seconds is { } s
        ? (s < 60 ? s.ToString("0.0 's'", CultureInfo.InvariantCulture) : TimeSpan.FromSeconds(Math.Round(s)).ToString(s >= 3600 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture))
        : "—";

    /// <summary>The gate's verdict once the evaluation finished; its status before (or when it had no gate).</summary>
    internal static string Verdict(PipelineHealth row) => row.GatePassed switch
    {
        true => "gate passed",
        false => "gate failed",
        null => row.EvaluationStatus == "Completed" ? "completed, no gate" : row.EvaluationStatus?.ToLowerInvariant() ?? "",
    };
}
