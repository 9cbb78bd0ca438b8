using AiFlow.Domain.Access;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Steps;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Steps;

/// <summary>The step catalogue; Admins add step definitions here and edit their versions on the step's own page.</summary>
public partial class StepsPage
{
    private IReadOnlyList<StepSummary>? rows;
    private bool isAdmin;
    private bool creating;
    private string newKey = "";
    private string newName = "";
    private StepKind newKind = StepKind.StructuredLlm;
    private string? createError;
    private bool showArchived;

    /// <summary>The live steps, or with the Archived toggle on, only the archived ones (opened from here to be restored).</summary>
    private IEnumerable<StepSummary>? Shown => rows?.Where(r => r.Archived == showArchived);

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private StepAuthoringService Steps { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        isAdmin = (await Authentication).User.IsInRole(Roles.Admin);
        rows = await Steps.ListAsync(CancellationToken.None);
    }

    private async Task CreateAsync()
    {
        var result = await Steps.CreateStepAsync(newKey, newName, newKind, null, (await Authentication).User, CancellationToken.None);
        if (!result.Saved)
        {
            createError = result.Message;
            return;
        }
        Navigation.NavigateTo($"/steps/{result.Value!.Key}");
    }
}
