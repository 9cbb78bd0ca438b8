using AiFlow.Domain.Evaluation;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>
/// An evaluation's cases, a page at a time from the server (the circuit never holds more than one page): the chosen
/// metric on each side and its delta, filtered by tag and outcome, worst first; a row opens the case side by side.
/// </summary>
public sealed partial class EvaluationCases
{
    private static readonly string[] Outcomes = ["all", "wins", "losses", "ties", "errors"];

    [Inject] private EvaluationQueries Queries { get; set; } = default!;

    /// <summary>The evaluation whose cases these are.</summary>
    [Parameter, EditorRequired] public Guid EvaluationId { get; set; }

    /// <summary>The evaluation's aggregates: their metrics are the ones a delta can be taken on.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<EvaluationAggregate> Aggregates { get; set; } = [];

    /// <summary>Whether there is a baseline side to show.</summary>
    [Parameter] public bool HasBaseline { get; set; }

    private MudTable<EvaluationCaseRow>? table;
    private string? metric;
    private string? tag;
    private string outcome = "all";
    private bool worstFirst = true;
    private Guid? expanded;

    /// <summary>Reads the current page again (the evaluation ended, so the cases have their deltas now).</summary>
    public async Task ReloadAsync()
    {
        if (table is not null) await table.ReloadServerData();
    }

    protected override void OnParametersSet()
    {
        // The aggregates arrive when the evaluation ends: the delta is then taken on the first metric.
        if (metric is null || Aggregates.All(a => a.Metric != metric)) metric = Aggregates.Count > 0 ? Aggregates[0].Metric : null;
    }

    private async Task<TableData<EvaluationCaseRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var filter = new EvaluationCaseFilter(string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(), outcome == "all" ? null : outcome, worstFirst);
        var (rows, total) = await Queries.CasesAsync(EvaluationId, metric, filter, state.Page, state.PageSize, cancellationToken);
        return new TableData<EvaluationCaseRow> { Items = rows, TotalItems = total };
    }

    private double? Metric(IReadOnlyDictionary<string, double?>? metrics) => metric is null ? null : metrics?.GetValueOrDefault(metric);

    private void Toggle(Guid exampleId) => expanded = expanded == exampleId ? null : exampleId;

    private Task OnMetricChanged(string value) => SetAsync(() => metric = value);

    private Task OnWorstFirstChanged(bool value) => SetAsync(() => worstFirst = value);

    private Task OnTagChanged(string? value) => SetAsync(() => tag = value);

    private Task OnOutcomeChanged(string value) => SetAsync(() => outcome = value);

    /// <summary>A changed filter starts again from the first page, where the pager's page could be past the end of the fewer cases.</summary>
    private async Task SetAsync(Action change)
    {
        change();
        expanded = null;
        if (table is { CurrentPage: > 0 }) table.NavigateTo(0);
        else await ReloadAsync();
    }
}
