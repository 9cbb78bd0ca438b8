using AiFlow.Domain.Budgets;
using AiFlow.Infrastructure.Budgets;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AiFlow.Web.Features.Budgets;

/// <summary>An Admin's budgets: list with spend against each, create, edit and delete through the same service as <c>/api/budgets</c>.</summary>
public partial class BudgetsPage
{
    [Inject] private BudgetService Service { get; set; } = default!;
    [Inject] private BudgetSpendReader Reader { get; set; } = default!;
    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;
    [Inject] private IOptionsMonitor<BudgetOptions> Options { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private IReadOnlyList<BudgetStatus>? budgets;
    private List<string> pipelines = [];
    private List<(Guid Id, string Name)> apiKeys = [];
    private BudgetForm form = new();
    private Guid? editing;
    private string? editingName;
    private string? problem;
    private string? problemPointer;
    private bool busy;
    private int defaultSoftPercent;

    protected override async Task OnInitializedAsync()
    {
        defaultSoftPercent = Options.CurrentValue.SoftLimitPercent;
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            pipelines = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key).Select(p => p.Key).ToListAsync();
            apiKeys = [.. (await db.ApiKeys.AsNoTracking().Where(k => k.RevokedAt == null).OrderBy(k => k.Name).Select(k => new { k.Id, k.Name }).ToListAsync())
                .Select(k => (k.Id, k.Name))];
        }
        await LoadAsync();
    }

    private async Task LoadAsync() => budgets = await Reader.ReadAsync(Clock.GetUtcNow(), CancellationToken.None);

    private static string ScopeName(BudgetScope scope) => scope switch
    {
        BudgetScope.ApiKey => "API key",
        _ => scope.ToString(),
    };

    private void StartNew()
    {
        (form, editing, editingName, problem, problemPointer) = (new BudgetForm(), null, null, null, null);
    }

    private void Edit(BudgetStatus budget)
    {
        (form, editing, editingName, problem, problemPointer) = (BudgetForm.From(budget), budget.Id, budget.Name, null, null);
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var user = (await Auth).User.Identity?.Name;
            var result = editing is { } id
                ? await Service.UpdateAsync(id, form.ToInput(), CancellationToken.None)
                : await Service.CreateAsync(form.ToInput(), user, CancellationToken.None);
            if (result.Outcome != BudgetSaveOutcome.Saved)
            {
                (problem, problemPointer) = (result.Problem, result.Pointer);
                return;
            }
            Snackbar.Add($"Budget “{form.Name?.Trim()}” saved.", Severity.Success);
            StartNew();
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync(BudgetStatus budget)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete budget", $"Delete “{budget.Name}”? Its limits stop applying at once.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true) return;
        busy = true;
        try
        {
            if (!await Service.DeleteAsync(budget.Id, CancellationToken.None)) Snackbar.Add($"Budget “{budget.Name}” no longer exists.", Severity.Warning);
            if (editing == budget.Id) StartNew();
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
