using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Access;
using AiFlow.Domain.Common;
using AiFlow.Domain.Reviews;
using AiFlow.Domain.Runs;
using AiFlow.Domain.Schemas.Validation;
using AiFlow.Infrastructure.Reviews;
using AiFlow.Infrastructure.Schemas;
using AiFlow.Web.Components.JsonEditor;
using AiFlow.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace AiFlow.Web.Features.Review;

/// <summary>
/// One item, keyboard first: a small script in wwwroot forwards shortcuts (never while typing) to <see cref="OnKey"/>.
/// The correction is edited in Monaco, validated at each pause in typing with the shared IR validation service (errors
/// underlined at their pointers) and diffed against the model's IR;
/// the draft is autosaved to localStorage and the time spent is recorded with the decision.
/// </summary>
public partial class ReviewPanelPage
{

    [Parameter] public Guid ItemId { get; set; }
    [SupplyParameterFromQuery(Name = "pipeline")] private Guid? PipelineId { get; set; }
    [SupplyParameterFromQuery(Name = "step")] private Guid? StepVersionId { get; set; }
    [SupplyParameterFromQuery(Name = "reason")] private string? ReasonName { get; set; }

    [Inject] private ReviewQueries Queries { get; set; } = default!;
    [Inject] private ReviewQueueService Queue { get; set; } = default!;
    [Inject] private ReviewDecisionWriter Decisions { get; set; } = default!;
    [Inject] private IrValidationService Validation { get; set; } = default!;
    [Inject] private ReviewSession Session { get; set; } = default!;
    [Inject] private ReviewPresence Presence { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime Js { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Auth { get; set; } = default!;

    private DotNetObjectReference<ReviewPanelPage>? self;
    private ReviewItemDetails? item;
    private ReviewProgress progress = new(0, 0, 0, 0);
    private CompiledSchema? schema;
    private Guid loadedId;
    private bool loaded;
    private bool attached;
    private bool isAdmin;
    private bool canOpenRun;
    private string reviewer = "";
    private DateTimeOffset? lease;
    private ReviewDecision? decision;
    private readonly HashSet<string> labels = new(StringComparer.Ordinal);
    private int? rating;
    private string comment = "";
    private string correction = "";
    private string editorSeed = "";
    private int editorKey;
    private JsonCodeEditor? correctionEditor;
    private string modelPretty = "";
    private IReadOnlyList<IrValidationError> correctionErrors = [];
    private IReadOnlyList<JsonDiff.Change> diff = [];
    private bool correctionParses = true;
    private bool showHelp;
    private bool busy;
    private string? error;
    private Stopwatch watch = new();

    private string DraftKey => $"aiflow-review-draft:{ItemId}:{reviewer}";

    public static string Address(Guid itemId, ReviewListFilter filter)
    {
        var query = new List<string>();
        if (filter.PipelineDefinitionId is { } p) query.Add($"pipeline={p}");
        if (filter.StepVersionId is { } s) query.Add($"step={s}");
        if (filter.Reason is { } r) query.Add($"reason={r}");
        return $"/review/{itemId}" + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }

    /// <summary>An Admin decides an escalated item directly, without a claim.</summary>
    private bool CanResolve => isAdmin && item?.Status == ReviewItemStatus.Escalated;

    private ReviewListFilter Filter => new(PipelineId, StepVersionId, Enum.TryParse<ReviewReason>(ReasonName, out var r) ? r : null, false, null);

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth).User;
        reviewer = user.Identity?.Name ?? "";
        isAdmin = user.IsInRole(Roles.Admin);
        // A reviewer sees the run's facts here; only Admins and Ops may open the run itself.
        canOpenRun = isAdmin || user.IsInRole(Roles.Ops);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId == ItemId) return;
        loadedId = ItemId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        error = null;
        await ReleaseAsync();
        item = await Queries.ItemAsync(ItemId, CancellationToken.None);
        loaded = true;
        if (item is null) return;
        Session.Visit(ItemId);
        Presence.Enter(reviewer, ItemId);
        var canDecide = item.Status is ReviewItemStatus.Pending or ReviewItemStatus.InReview || (isAdmin && item.Status == ReviewItemStatus.Escalated);
        lease = canDecide && item.Status != ReviewItemStatus.Escalated ? (await Queue.ClaimAsync(ItemId, reviewer, CancellationToken.None))?.LeaseExpiresAt : null;
        schema = item.IrSchemaVersionId is { } sid ? await Validation.GetCompiledAsync(sid, CancellationToken.None) : null;
        modelPretty = Pretty(item.ModelIrJson);
        decision = null;
        labels.Clear();
        rating = null;
        comment = "";
        correction = modelPretty;
        SeedEditor();
        Revalidate();
        progress = await Queries.ProgressAsync(Filter, reviewer, CancellationToken.None);
        watch = Stopwatch.StartNew();
        if (attached)
        {
            // A new item starts with the keys live, not inside the previous item's editor.
            await Js.InvokeVoidAsync("aiflowReview.blur");
            await RestoreDraftAsync();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!attached && item is not null)
        {
            self ??= DotNetObjectReference.Create(this);
            await Js.InvokeVoidAsync("aiflowReview.attach", self);
            attached = true;
            await RestoreDraftAsync();
            StateHasChanged();
        }
    }

    [JSInvokable]
    public async Task OnKey(string command)
    {
        if (item is null || busy) return;
        switch (command)
        {
            case "approve": Choose(ReviewDecision.Approve); break;
            case "reject": Choose(ReviewDecision.Reject); break;
            case "edit": await FocusEditorAsync(); break;
            case "skip": await SkipAsync(); break;
            case "submit": await SubmitAsync(); break;
            case "previous": GoTo(Session.Before(ItemId)); break;
            case "next": await NextAsync(); break;
            case "help": showHelp = !showHelp; break;
            case "comment": await Js.InvokeVoidAsync("aiflowReview.focus", "review-comment"); break;
            default:
                if (command.StartsWith("rating:", StringComparison.Ordinal) && int.TryParse(command.AsSpan(7), out var stars) && stars >= 1 && stars <= item.RatingScale)
                {
                    rating = rating == stars ? null : stars;
                    SaveDraft();
                    break;
                }
                if (command.StartsWith("label:", StringComparison.Ordinal) && int.TryParse(command.AsSpan(6), out var n) && n >= 1 && n <= item.LabelSet.Count)
                {
                    Toggle(item.LabelSet[n - 1]);
                }
                break;
        }
        StateHasChanged();
    }

    private void Choose(ReviewDecision value)
    {
        decision = value;
        SaveDraft();
    }

    private void Toggle(string label)
    {
        if (!labels.Remove(label)) labels.Add(label);
        SaveDraft();
    }

    private async Task FocusEditorAsync()
    {
        decision = ReviewDecision.Correct;
        if (correctionEditor is not null) await correctionEditor.FocusAsync();
    }

    private void OnCorrectionChanged()
    {
        Revalidate();
        // Text that does not parse yet is an edit in progress, not "no change": it stays a correction, which Submit refuses
        // with the parser's reason (it turned the decision off, so Submit asked for a decision instead).
        var edited = diff.Count > 0 || !correctionParses;
        if (decision != ReviewDecision.Reject) decision = edited ? ReviewDecision.Correct : decision == ReviewDecision.Correct ? null : decision;
        SaveDraft();
    }

    /// <summary>Puts <see cref="correction"/> into a fresh editor element.</summary>
    private void SeedEditor()
    {
        editorSeed = correction;
        editorKey++;
    }

    private void OnEditorChanged(string value)
    {
        correction = value;
        OnCorrectionChanged();
    }

    private void Revalidate()
    {
        if (schema is not null) IrValidationService.Validate(schema, correction, out correctionErrors);
        else correctionErrors = TryParse(correction, out _) ? [] : [new IrValidationError("", "", "Not JSON.")];
        correctionParses = TryParse(correction, out var edited);
        diff = item is not null && correctionParses && TryParse(item.ModelIrJson, out var model) ? JsonDiff.Compare(model, edited) : [];
    }

    private async Task SubmitAsync()
    {
        if (item is null || (lease is null && !CanResolve) || busy) return;
        busy = true;
        try
        {
            // Keystrokes of the last pause have not been reported yet: judge and submit what the editor holds now.
            if (correctionEditor is not null) await correctionEditor.FlushAsync();
            // Nothing is decided for the reviewer: Ctrl+Enter with no decision chosen submits nothing.
            if (decision is not { } chosen)
            {
                error = "Choose a decision first: approve (A), reject (R) or correct (E).";
                return;
            }
            if (chosen == ReviewDecision.Correct && correctionErrors.Count > 0)
            {
                error = correctionParses
                    ? "The correction does not match the IR schema: fix the errors marked in the editor, then submit."
                    : "The correction is not valid JSON: fix it in the editor, then submit.";
                return;
            }
            var submission = new ReviewSubmission(item.Id, reviewer, chosen, chosen == ReviewDecision.Correct ? correction : null,
                [.. labels], rating, comment, (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds));
            var result = CanResolve
                ? await Decisions.ResolveEscalatedAsync(submission, CancellationToken.None)
                : await Queue.SubmitAsync(submission, CancellationToken.None);
            if (!result.Succeeded)
            {
                error = result.Message;
                if (result.Errors.Count > 0) correctionErrors = result.Errors;
                return;
            }
            await Js.InvokeVoidAsync("aiflowReview.clearDraft", DraftKey);
            lease = null; // Decided: nothing to give back when the panel moves on.
            await ClaimNextAsync([]);
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>Gives back the slot of an item the reviewer leaves undecided, so it does not sit held until its lease ends.</summary>
    private async Task ReleaseAsync()
    {
        if (item is null) return;
        var left = item.Id;
        var last = Presence.Leave(reviewer, left);
        if (lease is null) return;
        lease = null;
        if (last) await Queue.RequeueAsync(left, reviewer, CancellationToken.None);
    }

    private async Task SkipAsync()
    {
        if (item is null || lease is null) return;
        await Queue.RequeueAsync(item.Id, reviewer, CancellationToken.None);
        Session.Skipped.Add(item.Id);
        await ClaimNextAsync([]);
    }

    private async Task NextAsync()
    {
        if (Session.After(ItemId) is { } later)
        {
            GoTo(later);
            return;
        }
        await ClaimNextAsync([ItemId]);
    }

    private async Task ClaimNextAsync(IEnumerable<Guid> alsoSkip)
    {
        var claim = await Queue.ClaimNextAsync(reviewer, Filter.ToQueueFilter([.. Session.Skipped, .. alsoSkip]), CancellationToken.None);
        if (claim is null)
        {
            Navigation.NavigateTo("/review?done=1" + (StepVersionId is { } step ? $"&step={step}" : ""));
            return;
        }
        Navigation.NavigateTo(Address(claim.ItemId, Filter));
    }

    private void GoTo(Guid? itemId)
    {
        if (itemId is { } id) Navigation.NavigateTo(Address(id, Filter));
    }

    private void SaveDraft()
    {
        if (!attached) return;
        var draft = JsonSerializer.Serialize(new ReviewDraft(decision, correction, [.. labels], rating, comment));
        _ = Js.InvokeVoidAsync("aiflowReview.saveDraft", DraftKey, draft).AsTask();
    }

    private async Task RestoreDraftAsync()
    {
        if (lease is null) return;
        var text = await Js.InvokeAsync<string?>("aiflowReview.loadDraft", DraftKey);
        if (string.IsNullOrEmpty(text) || JsonSerializer.Deserialize<ReviewDraft>(text) is not { } draft) return;
        decision = draft.Decision;
        correction = draft.Correction;
        SeedEditor();
        labels.Clear();
        labels.UnionWith(draft.Labels);
        rating = draft.Rating;
        comment = draft.Comment;
        Revalidate();
    }

    private static bool TryParse(string json, out JsonNode? node)
    {
        try
        {
            node = JsonNode.Parse(json);
            return true;
        }
        catch (JsonException)
        {
            node = null;
            return false;
        }
    }

    private static string Pretty(string json) => TryParse(json, out var node) && node is not null ? Display.PrettyJson(node) : json;

    public async ValueTask DisposeAsync()
    {
        // Leaving the page (or the circuit closing) releases an undecided claim; a decided one is untouched.
        await ReleaseAsync();
        if (attached)
        {
            try
            {
                await Js.InvokeVoidAsync("aiflowReview.detach");
            }
            catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
            {
                // The circuit is gone, or closing (its pending calls are cancelled); so is the page's handler.
            }
        }
        self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
