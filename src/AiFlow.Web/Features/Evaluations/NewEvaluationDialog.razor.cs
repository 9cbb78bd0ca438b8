using AiFlow.Domain.Access;
using AiFlow.Domain.Evaluation;
using AiFlow.Infrastructure.Evaluation;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>
/// Starts an evaluation of a published step version, or of a pipeline version end to end (Admin): the dataset version defaults to the newest, the baseline
/// to the active version. A refusal is shown beside the field it is about; closes with the new evaluation's id.
/// </summary>
public sealed partial class NewEvaluationDialog
{
    /// <summary>The fields a refusal's pointer can name; a problem anywhere else is shown under the form.</summary>
    private static readonly string[] Fields = ["/target/step", "/target/pipeline", "/target/version", "/dataset/version", "/baseline/version", "/tag"];

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;
    [Inject] private NewEvaluationQueries Queries { get; set; } = default!;
    [Inject] private EvaluationService Service { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    private List<EvaluationTargetChoice> targets = [];
    private NewEvaluationChoices? choices;
    private EvaluationTargetChoice? target;
    private int? version;
    private int? dataset;
    private int? baseline;
    private string? tag;
    private string? problemPointer;
    private string? problem;
    private bool busy;

    private string? GeneralProblem => problem is not null && !Fields.Contains(problemPointer) ? problem : null;

    private string ActiveBaseline => choices?.ActiveVersion is { } active ? $"The active version (v{active})" : "The active version (none: measured on its own)";

    protected override async Task OnInitializedAsync() => targets = await Queries.TargetsAsync(CancellationToken.None);

    /// <summary>Where a refusal about the target is shown: the target picker whichever kind it is.</summary>
    private string TargetPointer => target?.Kind == EvaluationTargetKind.Pipeline ? "/target/pipeline" : "/target/step";

    private bool Has(string pointer) => problem is not null && problemPointer == pointer;

    private string? ProblemAt(string pointer) => Has(pointer) ? problem : null;

    private async Task OnTargetPickedAsync()
    {
        (problem, problemPointer) = (null, null);
        choices = target is null ? null : await Queries.ChoicesAsync(target, CancellationToken.None);
        // Newest first: the newest version, measured on the newest dataset version.
        version = choices is { Versions.Count: > 0 } ? choices.Versions[0] : null;
        dataset = choices is { Datasets.Count: > 0 } ? choices.Datasets[0].Number : null;
        baseline = null;
    }

    private async Task StartAsync()
    {
        (problem, problemPointer) = (null, null);
        if (target is null || version is not { } candidate)
        {
            (problem, problemPointer) = target is null ? ("Pick a step or a pipeline.", "/target/step") : ("Pick the version to evaluate.", "/target/version");
            return;
        }
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        if (!user.IsInRole(Roles.Admin))
        {
            problem = "Only Admin may start evaluations.";
            return;
        }
        busy = true;
        try
        {
            var request = new EvaluationRequest(target.Kind, target.Key, candidate, dataset, baseline, string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(), user.Identity?.Name);
            var started = await Service.StartAsync(request, CancellationToken.None);
            if (started.EvaluationId is { } id)
            {
                Dialog.Close(DialogResult.Ok(id));
                return;
            }
            (problem, problemPointer) = (started.Problem ?? "The evaluation cannot start.", started.Pointer);
        }
        finally
        {
            busy = false;
        }
    }
}
