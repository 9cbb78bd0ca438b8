using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Lifecycle;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Lifecycle;

/// <summary>
/// The archive control of one pipeline, step, prompt template or IR schema page (ADR 0032). It reads the state itself,
/// so a page adds one line; the service checks the role again and refuses what it must (a scheduled pipeline), and the
/// refusal is shown as said.
/// </summary>
public sealed partial class ArchiveToggle
{
    private ArchiveState? state;
    private bool busy;

    [Parameter, EditorRequired] public ArchiveKind Kind { get; set; }

    /// <summary>The key of a pipeline or step; the id of a prompt template or IR schema.</summary>
    [Parameter, EditorRequired] public string Id { get; set; } = "";

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    /// <summary>Raised after a change, with the new state, so the page can reload what depends on it.</summary>
    [Parameter] public EventCallback<ArchiveState> Changed { get; set; }

    [Inject] private ArchiveService Archives { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool CanEdit => User.IsInRole(Roles.Admin);

    private string? loadedFor;

    protected override async Task OnParametersSetAsync()
    {
        var target = $"{Kind}:{Id}";
        if (target == loadedFor) return;
        loadedFor = target;
        state = await Archives.GetAsync(Kind, Id, CancellationToken.None);
    }

    private async Task ToggleAsync()
    {
        if (state is null || !CanEdit) return;
        var archive = !state.Archived;
        var what = ArchiveService.Name(Kind);
        var sure = await Dialogs.ShowMessageBoxAsync(
            archive ? $"Archive this {what}?" : $"Restore this {what}?",
            archive
                ? $"It leaves every picker and palette but stays readable here, and whatever already uses its versions keeps running. You can restore it later."
                : $"It is offered again in pickers and palettes.",
            yesText: archive ? "Archive" : "Restore", cancelText: "Cancel");
        if (sure != true) return;
        busy = true;
        try
        {
            var result = await Archives.SetAsync(Kind, Id, archive, User, CancellationToken.None);
            if (!result.Saved)
            {
                Snackbar.Add(result.Message, Severity.Error);
                return;
            }
            state = result.Value;
            Snackbar.Add(archive ? $"The {what} was archived." : $"The {what} was restored.", Severity.Success);
            await Changed.InvokeAsync(state);
        }
        finally
        {
            busy = false;
        }
    }
}
