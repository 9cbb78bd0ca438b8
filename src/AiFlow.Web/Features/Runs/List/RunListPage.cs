namespace AiFlow.Web.Features.Runs.List;

public sealed record RunListPage(IReadOnlyList<RunListRow> Items, RunTotals Totals);
