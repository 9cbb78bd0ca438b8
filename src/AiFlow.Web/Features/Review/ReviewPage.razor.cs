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
    [Inject] private ReviewSession Session { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;
    [SupplyParameterFromQuery(Name = "done")] private string? Done { get; set; }
    [SupplyParameterFromQuery(Name = "step")] private Guid? Step { get; set; }
    /// <summary>The home page's backlog links open the queue narrowed to one pipeline.</summary>
    [SupplyParameterFromQuery(Name = "pipeline")] private Guid? Pipeline { get; set; }

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
        filter = filter with { StepVersionId = Step, PipelineDefinitionId = Pipeline };
        if (Done is not null) message = await EmptyQueueMessageAsync("Nothing more to review with these filters");
        (pipelines, steps) = await Queries.OptionsAsync(CancellationToken.None);
        await RefreshAsync();
    }

    /// <summary>Says why the queue looks empty: items others hold and items this reviewer skipped are not handed out.</summary>
    private async Task<string> EmptyQueueMessageAsync(string lead)
    {
        var held = await Queries.HeldByOthersAsync(filter, reviewer, Clock.GetUtcNow(), CancellationToken.None);
        var skipped = Session.Skipped.Count;
        if (held == 0 && skipped == 0) return lead + ".";
        var parts = new List<string>();
        if (held > 0) parts.Add(held == 1 ? "1 item is held by other reviewers" : $"{held} items are held by other reviewers");
        if (skipped > 0) parts.Add(skipped == 1 ? "you skipped 1 item in this session" : $"you skipped {skipped} items in this session");
        return $"{lead}: {string.Join("; ", parts)}.";
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
            message = await EmptyQueueMessageAsync("Nothing left to claim with these filters");
            return;
        }
        Navigation.NavigateTo(ReviewPanelPage.Address(claim.ItemId, filter));
    }
}
