using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Web.Features.Evaluations;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Steps;

/// <summary>
/// One click from a published step version to its evaluation against the version the active pipelines use, on the
/// step's newest dataset. Offered to Admins only when there is both something to compare with and a dataset to compare on.
/// </summary>
public sealed partial class EvaluateAgainstActive
{
    private NewEvaluationChoices? choices;
    private (string Key, int Version)? shownFor;
    private string? problem;
    private bool busy;

    [Parameter, EditorRequired] public string StepKey { get; set; } = "";

    /// <summary>The published version on screen.</summary>
    [Parameter, EditorRequired] public int Version { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal User { get; set; } = new();

    [Inject] private NewEvaluationQueries Queries { get; set; } = default!;

    [Inject] private EvaluationService Evaluations { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private bool Offered => User.IsInRole(Roles.Admin) && choices is { ActiveVersion: { } active, Datasets.Count: > 0 } && active != Version;

    protected override async Task OnParametersSetAsync()
    {
        // Publishing or activating elsewhere may have changed what is active: ask again for each version shown.
        if (shownFor == (StepKey, Version)) return;
        shownFor = (StepKey, Version);
        problem = null;
        choices = await Queries.ChoicesAsync(StepKey, CancellationToken.None);
    }

    private async Task StartAsync()
    {
        if (!User.IsInRole(Roles.Admin)) return;
        busy = true;
        try
        {
            var request = new EvaluationRequest(EvaluationTargetKind.Step, StepKey, Version, null, null, null, User.Identity?.Name);
            var started = await Evaluations.StartAsync(request, CancellationToken.None);
            if (started.EvaluationId is { } id) Navigation.NavigateTo($"/evaluations/{id}");
            else problem = started.Problem ?? "The evaluation cannot start.";
        }
        finally
        {
            busy = false;
        }
    }
}
