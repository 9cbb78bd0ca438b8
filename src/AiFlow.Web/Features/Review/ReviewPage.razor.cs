using AiFlow.Domain.Reviews;
using AiFlow.Infrastructure.Reviews;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Review;

public partial class ReviewPage
{
    [Inject] private ReviewQueries Queries { get; set; } = default!;
    [Inject] private ReviewQueueService Queue { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [SupplyParameterFromQuery(Name = "done")] private string? Done { get; set; }
    [SupplyParameterFromQuery(Name = "step")] private Guid? Step { get; set; }

    private MudTable<ReviewRow>? table;
    private ReviewListFilter filter = ReviewListFilter.Empty;
    private Dictionary<ReviewItemStatus, int> counts = [];
    private ReviewProgress progress = new(0, 0, 0, 0);
    private List<ReviewOption> pipelines = [];
    private List<ReviewOption> steps = [];
    private string reviewer = "";
    private string? message;

    protected override async Task OnInitializedAsync()
    {
        reviewer = (await Auth).User.Identity?.Name ?? "";
        message = Done is null ? null : "Nothing more to review with these filters.";
        filter = filter with { StepVersionId = Step };
        (pipelines, steps) = await Queries.OptionsAsync(CancellationToken.None);
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        counts = await Queries.CountsAsync(filter, reviewer, CancellationToken.None);
        progress = await Queries.ProgressAsync(filter, reviewer, CancellationToken.None);
    }

    private async Task<TableData<ReviewRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.PageAsync(filter, reviewer, state.Page, state.PageSize, cancellationToken);
        return new TableData<ReviewRow> { Items = rows, TotalItems = total };
    }

    private async Task ChangeAsync(ReviewListFilter value)
    {
        filter = value;
        await RefreshAsync();
        if (table is not null) await table.ReloadServerData();
    }

    private async Task StartAsync()
    {
        var claim = await Queue.ClaimNextAsync(reviewer, filter.ToQueueFilter(), CancellationToken.None);
        if (claim is null)
        {
            message = "Nothing left to claim with these filters.";
            return;
        }
        Navigation.NavigateTo(ReviewPanelPage.Address(claim.ItemId, filter));
    }
}
