using AiFlow.Infrastructure.GroundTruth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Datasets;

public partial class DatasetsPage
{
    [Inject] private DatasetQueries Queries { get; set; } = default!;
    [Inject] private DatasetService Service { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private MudTable<DatasetRow>? table;
    private List<DatasetScopeRef> scopes = [];
    private DatasetScopeRef? scope;
    private List<DatasetRow> versions = [];
    private string? snapshotTag;
    private string? snapshotNote;
    private bool busy;
    private string? message;
    private bool messageIsProblem;
    private Guid? compareFrom;
    private Guid? compareTo;
    private DatasetComparisonView? comparison;

    protected override async Task OnInitializedAsync() => scopes = await Queries.ScopesAsync(CancellationToken.None);

    private async Task<TableData<DatasetRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.PageAsync(scope, state.Page, state.PageSize, cancellationToken);
        return new TableData<DatasetRow> { Items = rows, TotalItems = total };
    }

    private async Task ScopeChangedAsync(DatasetScopeRef? value)
    {
        scope = value;
        (comparison, compareFrom, compareTo, message) = (null, null, null, null);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        // A scope's versions for the comparison; a step or pipeline has few, so the first 500 are all of them in practice.
        versions = scope is null ? [] : (await Queries.PageAsync(scope, 0, 500, CancellationToken.None)).Rows;
        if (table is not null) await table.ReloadServerData();
    }

    /// <summary>The same checks as <c>POST /api/datasets</c>: a tag no live example carries, or nothing usable, is said, and nothing is saved.</summary>
    private async Task SnapshotAsync()
    {
        if (scope is null) return;
        busy = true;
        try
        {
            var tag = string.IsNullOrWhiteSpace(snapshotTag) ? null : snapshotTag.Trim();
            if (tag is not null && !await Queries.HasTagAsync(scope, tag, CancellationToken.None))
            {
                (message, messageIsProblem) = ($"No live example of {scope.Name} is tagged '{tag}'; nothing was saved.", true);
                return;
            }
            var user = (await Auth).User.Identity?.Name;
            var taken = await Service.SnapshotAsync(scope.Scope, scope.Id, "manual", user, snapshotNote, tag, CancellationToken.None);
            (message, messageIsProblem) = taken is null
                ? ($"{scope.Name} has no usable example (current, schema-valid, not retired) to snapshot; nothing was saved.", true)
                : ($"Dataset v{taken.Number} of {scope.Name} taken with {taken.ExampleCount} example(s).", false);
            if (taken is not null) (snapshotTag, snapshotNote) = (null, null);
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CompareAsync()
    {
        if (compareFrom is not { } from || compareTo is not { } to) return;
        var (view, problem) = await Queries.CompareAsync(from, to, CancellationToken.None);
        comparison = view;
        (message, messageIsProblem) = problem is null ? (null, false) : (problem, true);
    }
}
