using AiFlow.Domain.GroundTruth;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.GroundTruth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace AiFlow.Web.Features.GroundTruth;

public partial class GroundTruthPage
{
    [Inject] private GroundTruthQueries Queries { get; set; } = default!;
    [Inject] private GroundTruthService Service { get; set; } = default!;
    [Inject] private CurationTrigger Curation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private MudTable<GroundTruthRow>? table;
    private GroundTruthFilter filter = GroundTruthFilter.Default;
    private List<(Guid Id, string Name)> scopes = [];
    private GroundTruthRow? selected;
    private List<GroundTruthVersionView> history = [];
    private IReadOnlyList<IrValidationError> editErrors = [];
    private bool importOpen;
    private string importText = "";
    private IReadOnlyList<string> importErrors = [];
    private string? message;
    private string? tagsText;
    private string? tagsProblem;

    protected override async Task OnInitializedAsync() => scopes = await Queries.ScopesAsync(CancellationToken.None);

    private async Task<TableData<GroundTruthRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Queries.PageAsync(filter, state.Page, state.PageSize, cancellationToken);
        return new TableData<GroundTruthRow> { Items = rows, TotalItems = total };
    }

    private async Task ChangeAsync(GroundTruthFilter value)
    {
        filter = value;
        if (table is not null) await table.ReloadServerData();
    }

    private async Task SelectAsync(GroundTruthRow row)
    {
        selected = row;
        editErrors = [];
        (tagsText, tagsProblem) = (string.Join(", ", row.Tags ?? []), null);
        history = await Queries.HistoryAsync(row.Id, CancellationToken.None);
    }

    private async Task EditAsync(string expected)
    {
        if (selected is null) return;
        editErrors = await Service.EditAsync(selected.Id, expected, await UserAsync(), CancellationToken.None);
        if (editErrors.Count > 0) return;
        message = "Saved as a new version.";
        await ReloadSelectedAsync();
    }

    /// <summary>Replaces the selected example's tags; evaluations, gates and hand-taken snapshots narrow cases by them.</summary>
    private async Task SaveTagsAsync()
    {
        if (selected is null) return;
        var tags = ExampleTags.Normalize((tagsText ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), out tagsProblem);
        if (tags is null) return;
        await Service.SetTagsAsync(selected.Id, tags, CancellationToken.None);
        message = tags.Count == 0 ? "Tags removed." : $"Tagged {string.Join(", ", tags)}.";
        await ReloadSelectedAsync();
    }

    private async Task RetireAsync(bool retired)
    {
        if (selected is null) return;
        await Service.SetRetiredAsync(selected.Id, retired, CancellationToken.None);
        message = retired ? "Retired." : "Back in use.";
        await ReloadSelectedAsync();
    }

    private async Task ReloadSelectedAsync()
    {
        if (table is not null) await table.ReloadServerData();
        var row = (await Queries.PageAsync(filter with { ShowRetired = true }, 0, 1000, CancellationToken.None)).Rows.FirstOrDefault(r => r.Id == selected!.Id);
        if (row is not null) await SelectAsync(row);
    }

    private async Task CurateAsync()
    {
        await Curation.TriggerAsync(CancellationToken.None);
        message = "Curation started; refresh in a moment.";
        await Task.Delay(1500);
        if (table is not null) await table.ReloadServerData();
    }

    private async Task ExportAsync()
    {
        if (filter.ScopeId is not { } scope) return;
        var text = await Service.ExportJsonlAsync(scope, CancellationToken.None);
        await Js.InvokeVoidAsync("aiflowReview.download", $"ground-truth-{scope:N}.jsonl", text);
    }

    private async Task ImportAsync()
    {
        if (filter.ScopeId is not { } scope) return;
        var result = await Service.ImportJsonlAsync(scope, importText, await UserAsync(), CancellationToken.None);
        importErrors = result.Errors;
        if (!result.Succeeded) return;
        message = $"Imported {result.Saved} example(s).";
        importText = "";
        if (table is not null) await table.ReloadServerData();
    }

    private async Task<string> UserAsync() => (await Auth).User.Identity?.Name ?? "unknown";
}
