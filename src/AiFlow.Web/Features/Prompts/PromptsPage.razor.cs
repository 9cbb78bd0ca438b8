using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Prompts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Prompts;

/// <summary>Prompt templates: versions, a new version's editor with a live preview (Admins), read-only for Ops, and a side-by-side diff.</summary>
public sealed partial class PromptsPage
{
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private IReadOnlyList<PromptTemplateSummary>? templates;
    private PromptTemplateDetails? details;
    private PromptVersionView? selected;
    private bool creating;
    private string newKey = "";
    private string newName = "";
    private string? createError;
    private bool showArchived;

    /// <summary>The live templates, or with the Archived toggle on, only the archived ones (opened from here to be restored).</summary>
    private IEnumerable<PromptTemplateSummary> Shown => templates?.Where(t => t.Archived == showArchived) ?? [];

    [Parameter] public string? Key { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private PromptTemplateService Prompts { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private int LatestNumber => details?.Latest?.Number ?? 0;

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
    }

    protected override async Task OnParametersSetAsync()
    {
        templates = await Prompts.ListAsync(CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        details = Key is null ? null : await Prompts.GetAsync(Key, CancellationToken.None);
        selected = details?.Latest;
    }

    private async Task CreateAsync()
    {
        var result = await Prompts.CreateTemplateAsync(newKey, newName, null, user, CancellationToken.None);
        if (!result.Saved)
        {
            createError = result.Message;
            return;
        }
        (creating, createError, newKey, newName) = (false, null, "", "");
        Navigation.NavigateTo($"/prompts/{result.Value!.Key}");
    }

    private async Task OnArchivedAsync() => templates = await Prompts.ListAsync(CancellationToken.None);

    private async Task OnSavedAsync(PromptVersionView saved)
    {
        templates = await Prompts.ListAsync(CancellationToken.None);
        await LoadAsync();
        selected = details?.Versions.FirstOrDefault(v => v.Id == saved.Id) ?? selected;
    }
}
