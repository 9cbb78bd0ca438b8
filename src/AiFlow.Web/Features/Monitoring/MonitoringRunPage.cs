using AiFlow.Web.Features.Runs.List;

namespace AiFlow.Web.Features.Monitoring;

/// <summary>One page of <c>GET /api/monitoring/runs</c> with the totals over the whole filter.</summary>
public sealed record MonitoringRunPage(int Page, int PageSize, int Total, RunTotals Totals, IReadOnlyList<RunListRow> Items);
