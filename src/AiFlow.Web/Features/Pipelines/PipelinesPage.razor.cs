using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Pipelines;

/// <summary>Lists pipelines, each linked to its editor; Admins start new ones here.</summary>
public sealed partial class PipelinesPage
{
    private sealed record Row(string Key, string Name, int Versions, int? ActiveVersion, int Nodes, bool Archived);

    private List<Row>? rows;
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private bool creating;
    private string? newKey;
    private string? newName;
    private string? createError;
    private bool showArchived;

    /// <summary>The live pipelines, or with the Archived toggle on, only the archived ones (opened from here to be restored).</summary>
    private IEnumerable<Row>? Shown => rows?.Where(r => r.Archived == showArchived);
    private List<string> importErrors = [];

    [Inject] private IDbContextFactory<AiFlowDbContext> Contexts { get; set; } = default!;

    [Inject] private PipelineAuthoringService Authoring { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        var definitions = await db.PipelineDefinitions.AsNoTracking().OrderBy(p => p.Key)
            .Select(p => new { p.Key, p.Name, Archived = p.ArchivedAt != null, Versions = p.Versions.Count, Active = p.Versions.Where(v => v.IsActive).Select(v => new { v.Number, v.Dag }).FirstOrDefault() })
            .ToListAsync();
        rows = definitions.Select(d => new Row(d.Key, d.Name, d.Versions, d.Active?.Number, d.Active?.Dag.Nodes.Count ?? 0, d.Archived)).ToList();
    }

    private async Task CreateAsync()
    {
        var result = await Authoring.CreatePipelineAsync(newKey ?? "", newName ?? "", user, CancellationToken.None);
        if (!result.Succeeded)
        {
            createError = result.Message;
            return;
        }
        Navigation.NavigateTo($"/pipelines/{result.Draft!.Key}");
    }

    /// <summary>An imported bundle opens its version in the editor; a refused one lists its reasons here.</summary>
    private void ImportedAsync(Bundles.BundleImportResult result)
    {
        importErrors = result.Succeeded ? [] : [.. result.Issues.Select(i => i.Pointer.Length == 0 ? i.Message : $"{i.Pointer}: {i.Message}")];
        if (result.Succeeded) Navigation.NavigateTo($"/pipelines/{result.Pipeline}?version={result.Number}");
    }
}
