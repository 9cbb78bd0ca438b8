using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// A pipeline's evaluation schedule: a Quartz cron and an optional webhook. Admins set it (an empty cron removes it),
/// Ops read it; a refused value is shown at its field and nothing is changed.
/// </summary>
public sealed partial class EvaluationScheduleForm
{
    private EvaluationSchedule? stored;
    private string? cron;
    private string? webhook;
    private string? problem;
    private string? problemAt;
    private bool loaded;
    private bool busy;

    [Parameter, EditorRequired] public string PipelineKey { get; set; } = "";

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    [Inject] private EvaluationScheduleService Schedules { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool CanEdit => User.IsInRole(Roles.Admin);

    // The trigger is built without a time zone, so Quartz fires it in the server's local zone: the hint reads it the same way.
    private string Hint => CronHint.Describe(cron, Clock.GetUtcNow(), TimeZoneInfo.Local);

    private string State => stored is null ? "No schedule is set." : $"Set by {stored.UpdatedBy ?? "someone"} on {Display.When(stored.UpdatedAt)}.";

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        loaded = true;
    }

    private async Task LoadAsync()
    {
        stored = await Schedules.GetAsync(PipelineKey, CancellationToken.None);
        (cron, webhook) = (stored?.Cron, stored?.WebhookUrl);
    }

    private async Task SaveAsync()
    {
        if (!CanEdit) return;
        busy = true;
        try
        {
            (problem, problemAt, _) = await Schedules.SetAsync(PipelineKey, cron, webhook, User.Identity?.Name, CancellationToken.None);
            if (problem is not null) return;
            await LoadAsync();
            Snackbar.Add(stored is null ? "The evaluation schedule was removed." : "The evaluation schedule was saved.", Severity.Success);
        }
        finally
        {
            busy = false;
        }
    }
}
