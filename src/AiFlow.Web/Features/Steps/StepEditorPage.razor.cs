using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Steps;
using AiFlow.Infrastructure.Authoring;
using AiFlow.Infrastructure.Prompts;
using AiFlow.Infrastructure.Steps;
using AiFlow.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Steps;

/// <summary>
/// A step's versions: Admins edit the draft (only the fields its kind uses) and publish it; a published version, and
/// every version for Ops, is read-only. The service checks the role and the row version again on the server.
/// </summary>
public sealed partial class StepEditorPage
{
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private StepDetails? step;
    private StepCatalog? catalog;
    private StepVersionDetails? selected;
    private StepVersionDraft? form;
    private PromptVersionView? prompt;
    private string previewVariant = "";
    private IReadOnlyList<string> issues = [];
    private IReadOnlyList<string> checks = [];
    private string? conflict;
    private string? loadError;
    private bool dirty;
    private bool busy;
    private string? shownKey;
    private readonly NumberRangeGuard guard = new();

    [Parameter] public string Key { get; set; } = "";

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private StepAuthoringService Steps { get; set; } = default!;

    [Inject] private PromptTemplateService Prompts { get; set; } = default!;

    private bool ReadOnly => !isAdmin || selected?.IsDraft != true;

    private string StatusText => selected is null ? "" :
        $"v{selected.Number} · {selected.Status.ToString().ToLowerInvariant()}{(ReadOnly ? " · read-only" : "")}";

    private string PreviewTemplate =>
        prompt is null ? "" : prompt.Variants.FirstOrDefault(v => v.Name == previewVariant)?.Template ?? prompt.Template;

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        catalog = await Steps.CatalogAsync(CancellationToken.None);
    }

    /// <summary>
    /// Loads the step the address names, and again when it names another: a link or back and forward between two steps
    /// reuses this component, which kept showing the first step under the second one's address.
    /// </summary>
    protected override async Task OnParametersSetAsync()
    {
        if (shownKey == Key) return;
        shownKey = Key;
        (step, selected, form, prompt, loadError) = (null, null, null, null, null);
        await ReloadAsync();
        if (step is null) loadError = $"There is no step '{Key}'.";
    }

    private bool Uses(StepField field) => StepKindFields.Uses(step!.Kind, field);

    private static string Label(IReadOnlyList<CatalogOption> options, Guid? id) =>
        id is null ? "" : options.FirstOrDefault(o => o.Id == id)?.Label ?? "(missing)";

    private async Task ReloadAsync()
    {
        step = await Steps.GetAsync(Key, CancellationToken.None);
        var keep = selected?.Number;
        var version = step?.Versions.FirstOrDefault(v => v.Number == keep) ?? step?.Latest;
        if (version is not null) await ShowAsync(version);
    }

    private Task Select(StepVersionDetails version) => ShowAsync(version);

    private async Task ShowAsync(StepVersionDetails version)
    {
        selected = version;
        form = version.Settings.Copy();
        dirty = false;
        conflict = null;
        issues = [];
        await LoadPromptAsync();
        Recheck();
    }

    private async Task SetPromptAsync(Guid? id)
    {
        Edit(() => form!.PromptTemplateVersionId = id);
        await LoadPromptAsync();
    }

    private async Task LoadPromptAsync()
    {
        prompt = form?.PromptTemplateVersionId is { } id ? await Prompts.GetVersionAsync(id, CancellationToken.None) : null;
        previewVariant = "";
    }

    private void Edit(Action change)
    {
        change();
        dirty = true;
        Recheck();
    }

    private void Recheck() => checks = form is null || step is null ? [] : StepVersionChecks.Check(step.Kind, form);

    private async Task NewVersionAsync() => await RunAsync(() => Steps.CreateVersionAsync(Key, null, user, CancellationToken.None));

    private async Task SaveAsync()
    {
        if (RefusedByRange()) return;
        await RunAsync(() => Steps.SaveDraftAsync(Key, selected!.Number, selected.RowVersion, form!, user, CancellationToken.None));
    }

    /// <summary>Saves unsaved edits first, then publishes what is stored.</summary>
    private async Task PublishAsync()
    {
        if (RefusedByRange()) return;
        if (dirty && !await RunAsync(() => Steps.SaveDraftAsync(Key, selected!.Number, selected.RowVersion, form!, user, CancellationToken.None))) return;
        await RunAsync(() => Steps.PublishAsync(Key, selected!.Number, selected.RowVersion, user, CancellationToken.None));
    }

    /// <summary>A number typed outside its range stays on screen but not in the form, so saving now would store the old value.</summary>
    private bool RefusedByRange()
    {
        issues = guard.Refusals;
        return issues.Count > 0;
    }

    private async Task<bool> RunAsync(Func<Task<SaveResult<StepVersionDetails>>> change)
    {
        busy = true;
        try
        {
            var result = await change();
            issues = result.Outcome is SaveOutcome.Invalid or SaveOutcome.NotFound ? result.Messages : [];
            conflict = result.Outcome == SaveOutcome.Conflict ? result.Message : null;
            if (!result.Saved) return false;
            step = await Steps.GetAsync(Key, CancellationToken.None);
            var saved = step!.Versions.First(v => v.Id == result.Value!.Id);
            await ShowAsync(saved);
            return true;
        }
        finally
        {
            busy = false;
        }
    }
}
