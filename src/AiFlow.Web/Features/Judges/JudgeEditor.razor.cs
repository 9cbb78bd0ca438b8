using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Judges;
using AiFlow.Infrastructure.Steps;
using AiFlow.Web.Features.Metrics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Judges;

/// <summary>
/// Makes a judge, or the next version of <see cref="Judge"/>, for an Admin: the service checks the save and every problem
/// shows at its field; nothing is saved until none is left.
/// </summary>
public sealed partial class JudgeEditor
{
    private static readonly string[] ShownFields = ["/key", "/name", "/scoreMin", "/scoreMax", "/modelRouteId", "/categories", "/rubric", "/promptTemplate", "/outputSchema"];

    private JudgeForm form = new();
    private FieldProblems problems = FieldProblems.None;
    private IReadOnlyList<CatalogOption> routes = [];
    private string? message;
    private bool busy;

    /// <summary>The judge to add a version to; null makes a new judge.</summary>
    [Parameter] public JudgeView? Judge { get; set; }

    /// <summary>Called with the judge as saved.</summary>
    [Parameter] public EventCallback<JudgeView> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private JudgeService Judges { get; set; } = default!;

    [Inject] private StepAuthoringService Steps { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        form = Judge is null ? new JudgeForm() : JudgeForm.NextVersionOf(Judge);
        routes = (await Steps.CatalogAsync(CancellationToken.None)).Routes;
    }

    private string RouteName(Guid? id) => id is null ? "" : routes.FirstOrDefault(r => r.Id == id)?.Label ?? id.ToString()!;

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var user = (await Authentication).User;
            var result = Judge is null
                ? await Judges.CreateAsync(form.ToInput(), user, CancellationToken.None)
                : await Judges.AddVersionAsync(Judge.Key, Judge.Version, form.ToVersionInput(), user, CancellationToken.None);
            problems = new FieldProblems(result.Problems);
            message = result.Outcome switch
            {
                SaveOutcome.Saved => null,
                SaveOutcome.Invalid => problems.Except(ShownFields).Any() ? string.Join(" ", problems.Except(ShownFields).Select(p => p.Message)) : "Nothing was saved: see the fields marked.",
                _ => result.Message,
            };
            if (result.Saved) await OnSaved.InvokeAsync(result.Value!);
        }
        finally
        {
            busy = false;
        }
    }
}
