using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

public partial class EvaluationsPage
{
    [Inject] private EvaluationQueries Queries { get; set; } = default!;

    private async Task<TableData<EvaluationRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.PageAsync(state.Page, state.PageSize, cancellationToken);
        return new TableData<EvaluationRow> { Items = rows, TotalItems = total };
    }
}
