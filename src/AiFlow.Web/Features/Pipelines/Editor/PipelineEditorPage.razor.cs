using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Steps;
using AiFlow.Web.Features.Pipelines.Authoring;
using AiFlow.Web.Features.Pipelines.Bundles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// The pipeline editor: Admins edit the draft, Ops look. The page owns the DAG; the island draws it and reports edits,
/// and every edit is judged here by the domain validator. Mutations go through <see cref="PipelineAuthoringService"/>,
/// which checks the role again on the server.
/// </summary>
public sealed partial class PipelineEditorPage
{
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private AuthoringCatalog? catalog;
    private IReadOnlyList<StepOption> palette = [];
    private PipelineDraft? draft;
    private PipelineDag dag = new();
    private DagLayout layout = new();
    private CanvasGraph initialGraph = new([], []);
    private DagCanvas? canvas;
    private DagNode? selected;
    private IReadOnlyList<EditorIssue> issues = [];
    /// <summary>Params typed into a node that do not parse: shown as issues and refused by Save until fixed or the node goes.</summary>
    private readonly Dictionary<string, string> unparsedParams = new(StringComparer.Ordinal);
    private IReadOnlyList<VersionSummary>? versions;
    private List<string> importErrors = [];
    private string? conflict;
    private bool overrideNoteClosed;
    private AiFlow.Infrastructure.Evaluation.GateReport? gateReport;
    private string? loadError;
    private bool dirty;
    private bool busy;
    private bool showHistory;
    private bool showDiff;
    private bool showTestRun;
    private bool showGate;
    private bool showSchedule;
    private bool confirmPublish;
    private bool confirmActivate;
    private string? releaseNotes;
    private string? inputSchema;
    private bool inputSchemaEdited;
    private bool inputSchemaValid = true;
    private bool showInputSchema;

    private static readonly DialogOptions ConfirmOptions = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    [Parameter] public string Key { get; set; } = "";

    [SupplyParameterFromQuery(Name = "version")] public int? Version { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private PipelineAuthoringService Authoring { get; set; } = default!;

    [Inject] private PipelineBundleService Bundles { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private IReadOnlyList<(string Source, string Target)> Edges =>
        [.. dag.Nodes.SelectMany(n => n.DependsOn.Select(d => (d, n.Key)))];

    /// <summary>Called by the test-run panel; a plain callback does not re-render this page, so it asks to.</summary>
    private async Task<bool> EnsureSavedAsync()
    {
        if (!dirty) return true;
        var saved = await SaveCoreAsync();
        StateHasChanged();
        return saved;
    }

    private bool ReadOnly => !isAdmin || draft?.IsDraft != true;

    private string StatusText => draft is null ? "" :
        $"v{draft.Number} · {draft.Status.ToString().ToLowerInvariant()}{(draft.IsActive ? " · active" : "")}{(isAdmin && draft.IsDraft ? "" : " · read-only")}";

    private Color StatusColor => draft?.IsActive == true ? Color.Success : draft?.IsDraft == true ? Color.Info : Color.Default;

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        catalog = await Authoring.CatalogAsync(CancellationToken.None);
        palette = catalog.Offered();
        // ?version=n opens that version (the pipelines page sends an import there); otherwise the draft or the latest.
        var current = (Version is int number ? await Authoring.GetVersionAsync(Key, number, CancellationToken.None) : null)
            ?? await Authoring.GetCurrentAsync(Key, CancellationToken.None);
        if (current is null)
        {
            loadError = $"There is no pipeline '{Key}'.";
            return;
        }
        Show(current);
        initialGraph = EditorGraph.ToCanvas(dag, layout, catalog);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && canvas is not null && issues.Count > 0) await canvas.HighlightAsync(issues);
    }

    private void Show(PipelineDraft version)
    {
        draft = version;
        inputSchema = AiFlow.Web.Components.Shared.Display.PrettyJson(version.InputSchemaJson);
        inputSchemaEdited = false;
        inputSchemaValid = true;
        dag = version.Dag;
        layout = version.Layout;
        selected = null;
        dirty = false;
        conflict = null;
        unparsedParams.Clear();
        issues = ReadOnly ? [] : Validate();
    }

    /// <summary>Shows another version on the canvas (after restore, import, reload, publish or opening from history).</summary>
    private async Task LoadAsync(PipelineDraft version)
    {
        Show(version);
        if (canvas is not null)
        {
            await canvas.UpdateAsync(EditorGraph.ToCanvas(dag, layout, catalog!), ReadOnly, fit: true);
            await canvas.HighlightAsync(issues);
        }
        if (versions is not null) versions = await Authoring.HistoryAsync(Key, CancellationToken.None);
    }

    private async Task OnGraphChangedAsync(CanvasGraph graph)
    {
        if (ReadOnly) return;
        (dag, layout) = EditorGraph.Merge(dag, graph);
        if (selected is not null) selected = dag.Nodes.FirstOrDefault(n => n.Key == selected.Key);
        dirty = true;
        await RevalidateAsync();
    }

    private void OnNodeSelected(string? key) => selected = key is null ? null : dag.Nodes.FirstOrDefault(n => n.Key == key);

    // The island shows the refusal on the canvas and leaves the graph as it was.
    private string? CheckEdge(string source, string target, string? replacingSource, string? replacingTarget) =>
        EditorGraph.CheckEdge(dag, source, target, replacingSource, replacingTarget);

    private async Task OnNodeChangedAsync(DagNode node)
    {
        dirty = true;
        var drawn = canvas?.Current.Nodes.FirstOrDefault(n => n.Key == node.Key);
        if (canvas is not null && drawn?.StepVersionId != node.StepVersionId)
        {
            // A new step version changes the node's label on the canvas.
            await canvas.UpdateAsync(EditorGraph.ToCanvas(dag, layout, catalog!), ReadOnly);
        }
        await RevalidateAsync();
    }

    private async Task OnParamsProblemAsync((string NodeKey, string? Problem) report)
    {
        if (report.Problem is null) unparsedParams.Remove(report.NodeKey);
        else unparsedParams[report.NodeKey] = report.Problem;
        await RevalidateAsync();
    }

    /// <summary>The checks of the DAG, and what the side panels hold that the DAG does not: params and an input schema that do not parse.</summary>
    private List<EditorIssue> Validate()
    {
        foreach (var gone in unparsedParams.Keys.Where(k => dag.Nodes.All(n => n.Key != k)).ToList()) unparsedParams.Remove(gone);
        var found = PipelineChecks.Validate(dag, catalog!).ToList();
        found.AddRange(unparsedParams.Select(p => new EditorIssue($"Node '{p.Key}': its params are not saved until they parse. {p.Value}", [p.Key])));
        if (!inputSchemaValid) found.Add(new EditorIssue("The input schema is not a valid JSON Schema: fix it under Input schema.", []));
        return found;
    }

    private async Task RevalidateAsync()
    {
        issues = Validate();
        if (canvas is not null)
        {
            await canvas.HighlightAsync(issues);
            // Policy edited in the side panel shows on the node at once; after undo the dag is the judge again.
            await canvas.BadgesAsync(Badges());
        }
    }

    private Dictionary<string, IReadOnlyList<string>> IrFields()
    {
        var fields = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) fields.TryAdd(node.Key, catalog!.Step(node.StepVersionId)?.OutputFields ?? []);
        return fields;
    }

    private Dictionary<string, NodeBadges> Badges()
    {
        var badges = new Dictionary<string, NodeBadges>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes) badges.TryAdd(node.Key, NodeBadges.Of(node));
        return badges;
    }

    private async Task OnInputSchemaEdited((string Text, bool Valid) edit)
    {
        if (ReadOnly) return;
        inputSchema = edit.Text;
        inputSchemaValid = edit.Valid;
        inputSchemaEdited = true;
        dirty = true;
        await RevalidateAsync();
    }

    private async Task<bool> SaveCoreAsync()
    {
        // The node keeps its last good params while the typed ones do not parse: saving then said "Saved" and dropped them.
        if (unparsedParams.Count > 0)
        {
            Snackbar.Add($"Nothing was saved: the params of {string.Join(", ", unparsedParams.Keys.Select(k => $"'{k}'"))} are not valid JSON.", Severity.Error);
            return false;
        }
        var result = await Authoring.SaveDraftAsync(draft!.VersionId, draft.RowVersion, dag, layout, user, CancellationToken.None,
            inputSchemaEdited ? inputSchema ?? "" : null);
        if (result.Outcome == AuthoringOutcome.Conflict)
        {
            // Their version stays in the database; the user's edits stay on the canvas.
            conflict = result.Message;
            return false;
        }
        if (!result.Succeeded)
        {
            Snackbar.Add(result.Message, Severity.Error);
            return false;
        }
        draft = result.Draft;
        // The text stays as typed (the database hands back jsonb's own formatting).
        inputSchemaEdited = false;
        dirty = false;
        conflict = null;
        return true;
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            if (await SaveCoreAsync()) Snackbar.Add($"Saved v{draft!.Number}.", Severity.Success);
        }
        finally { busy = false; }
    }

    private void AskPublish()
    {
        releaseNotes = null;
        confirmPublish = true;
    }

    private async Task PublishAsync()
    {
        confirmPublish = false;
        busy = true;
        try
        {
            if (dirty && !await SaveCoreAsync()) return;
            var result = await Authoring.PublishAsync(draft!.VersionId, draft.RowVersion, user, CancellationToken.None, releaseNotes);
            if (result.Outcome == AuthoringOutcome.Conflict) { conflict = result.Message; return; }
            if (!result.Succeeded)
            {
                issues = result.Issues;
                if (canvas is not null) await canvas.HighlightAsync(issues);
                return;
            }
            await LoadAsync(result.Draft!);
            Snackbar.Add($"Published v{draft!.Number}.", Severity.Success);
        }
        finally { busy = false; }
    }

    private Task ConfirmActivateAsync()
    {
        confirmActivate = false;
        return ActivateAsync();
    }

    /// <summary>Activates the shown version; a refusing gate keeps its report on screen, where an Admin may override it with a reason.</summary>
    private async Task ActivateAsync(string? overrideReason = null)
    {
        busy = true;
        try
        {
            var result = await Authoring.ActivateAsync(Key, draft!.Number, user, CancellationToken.None, overrideReason);
            if (result.Outcome == AuthoringOutcome.GateRefused) { gateReport = result.Gate; return; }
            if (!result.Succeeded) { Snackbar.Add(result.Message, Severity.Error); return; }
            gateReport = null;
            overrideNoteClosed = false;
            await LoadAsync(result.Draft!);
            Snackbar.Add($"v{draft!.Number} is now active.", Severity.Success);
        }
        finally { busy = false; }
    }

    private async Task NewDraftAsync()
    {
        var result = await Authoring.GetOrCreateDraftAsync(Key, user, CancellationToken.None);
        if (result.Succeeded) await LoadAsync(result.Draft!);
        else Snackbar.Add(result.Message, Severity.Error);
    }

    private async Task ReloadAsync()
    {
        var current = draft is null ? null : await Authoring.GetVersionAsync(Key, draft.Number, CancellationToken.None);
        if (current is not null) await LoadAsync(current);
    }

    /// <summary>After a conflict, the user has seen who saved and chooses to replace their version with these edits.</summary>
    private async Task KeepMineAsync()
    {
        var theirs = await Authoring.GetVersionAsync(Key, draft!.Number, CancellationToken.None);
        if (theirs is null || !theirs.IsDraft)
        {
            conflict = $"v{draft.Number} is no longer a draft; reload to continue.";
            return;
        }
        draft = draft with { RowVersion = theirs.RowVersion };
        await SaveAsync();
    }

    private async Task ToggleHistoryAsync()
    {
        showHistory = !showHistory;
        if (showHistory) versions = await Authoring.HistoryAsync(Key, CancellationToken.None);
    }

    private async Task ToggleDiffAsync()
    {
        showDiff = !showDiff;
        if (showDiff) versions = await Authoring.HistoryAsync(Key, CancellationToken.None);
    }

    private async Task OpenVersionAsync(int number)
    {
        var version = await Authoring.GetVersionAsync(Key, number, CancellationToken.None);
        if (version is not null) await LoadAsync(version);
    }

    private async Task RestoreAsync(int number)
    {
        var result = await Authoring.RestoreAsync(Key, number, user, CancellationToken.None);
        if (!result.Succeeded) { Snackbar.Add(result.Message, Severity.Error); return; }
        await LoadAsync(result.Draft!);
        Snackbar.Add($"v{number} restored into draft v{draft!.Number}.", Severity.Success);
    }

    private async Task ExportAsync()
    {
        var export = await Bundles.ExportAsync(Key, draft!.Number, CancellationToken.None);
        if (export.Json is null) { Snackbar.Add(export.Refusal ?? "Nothing to export.", Severity.Error); return; }
        // The island's bundle arrives on demand (the canvas asks for it first; this covers a click before that).
        await JS.InvokeVoidAsync("aiflowDagLoader.load");
        await JS.InvokeVoidAsync("aiflowDagEditor.download", export.FileName, export.Json);
    }

    private async Task ImportedAsync(BundleImportResult result)
    {
        importErrors = [];
        if (!result.Succeeded)
        {
            importErrors = [.. result.Issues.Select(i => i.Pointer.Length == 0 ? i.Message : $"{i.Pointer}: {i.Message}")];
            return;
        }
        // The bundle may have brought step versions the palette and the canvas labels do not know yet.
        catalog = await Authoring.CatalogAsync(CancellationToken.None);
        await OpenVersionAsync(result.Number);
        Snackbar.Add(result.Outcome == BundleImportOutcome.Unchanged
            ? $"This console already has v{result.Number} and everything it uses; nothing changed."
            : $"Imported v{result.Number} (published, not active): {string.Join(", ", result.Created ?? [])}.", Severity.Success);
    }
}
