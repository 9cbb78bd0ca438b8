using System.Text.Json;
using System.Text.Json.Nodes;
using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Infrastructure.Pipelines.Conditions;
using AiFlow.Web.Components.Shared;
using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Edits the selected node's runtime policy; its condition is checked live against the nodes upstream of it.</summary>
public sealed partial class NodePanel : IAsyncDisposable
{
    private const string ConditionInputId = "node-condition";
    private DotNetObjectReference<NodePanel>? self;
    private IJSObjectReference? caretModule;
    // The caret as the browser last reported it, with the text it was measured in (null: not reported yet).
    private (string Text, int Caret)? caret;
    private int? placeCaretAt;
    private bool watching;
    private string? paramsText;
    private string? paramsError;
    private string? shownKey;

    /// <summary>The node being edited; the panel changes it in place and then raises <see cref="Changed"/>.</summary>
    [Parameter, EditorRequired] public DagNode Node { get; set; } = default!;

    [Parameter, EditorRequired] public AuthoringCatalog Catalog { get; set; } = default!;

    /// <summary>The nodes upstream of <see cref="Node"/> and their metrics: what the condition may name.</summary>
    [Parameter, EditorRequired] public ConditionScope Scope { get; set; } = default!;

    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>The top-level fields of the pipeline's input schema (none when it has no schema).</summary>
    [Parameter] public IReadOnlyList<string> InputFields { get; set; } = [];

    /// <summary>Per node key, the top-level fields of the IR schema its step version emits.</summary>
    [Parameter] public IReadOnlyDictionary<string, IReadOnlyList<string>> IrFields { get; set; } = new Dictionary<string, IReadOnlyList<string>>();

    [Parameter] public EventCallback<DagNode> Changed { get; set; }

    /// <summary>
    /// The params text typed for the node does not parse (the problem), or parses again (null). The node keeps its last
    /// good params meanwhile, so the page must not save as if the typed text had been taken.
    /// </summary>
    [Parameter] public EventCallback<(string NodeKey, string? Problem)> ParamsProblem { get; set; }

    [Inject] private IJSRuntime JS { get; set; } = default!;

    private IReadOnlyList<string> ConditionErrors => ConditionChecker.Check(Node.Condition, Scope).Errors;

    /// <summary>
    /// Where the caret is in the condition the server holds: the reported caret while the field's text is what the
    /// server has (the field sends its value after a debounce), else the end of the text.
    /// </summary>
    private int Caret => caret is { } c && c.Text == (Node.Condition ?? "") ? c.Caret : (Node.Condition ?? "").Length;

    private IReadOnlyList<string> Suggestions => ConditionCompletion.Suggest(Node.Condition, Caret, Scope, InputFields, IrFields);

    private Task CompleteAsync(string suggestion)
    {
        var (text, at) = ConditionCompletion.Apply(Node.Condition, Caret, suggestion);
        caret = (text, at);
        placeCaretAt = at;
        return SetConditionAsync(text);
    }

    /// <summary>The browser reports the condition field's text and caret as the user types, clicks or moves the caret.</summary>
    [JSInvokable]
    public void OnCaret(string text, int position)
    {
        var before = Suggestions;
        caret = (text, position);
        if (!before.SequenceEqual(Suggestions)) StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (ReadOnly) return;
        caretModule ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/condition-caret.js");
        self ??= DotNetObjectReference.Create(this);
        if (!watching)
        {
            await caretModule.InvokeVoidAsync("watch", ConditionInputId, self);
            watching = true;
        }
        if (placeCaretAt is { } at)
        {
            placeCaretAt = null;
            await caretModule.InvokeVoidAsync("place", ConditionInputId, at);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (caretModule is not null)
        {
            try { await caretModule.DisposeAsync(); }
            catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException) { } // the circuit is gone or closing, and the module with it
        }
        self?.Dispose();
    }

    protected override void OnParametersSet()
    {
        if (shownKey == Node.Key) return;
        shownKey = Node.Key;
        paramsText = Node.Params is null ? null : Display.PrettyJson(Node.Params);
        paramsError = null;
    }

    private Task SetStepAsync(Guid value) => ApplyAsync(() => Node.StepVersionId = value);

    private Task SetConditionAsync(string? value) => ApplyAsync(() => Node.Condition = string.IsNullOrWhiteSpace(value) ? null : value);

    private Task SetRetriesAsync(int value) => ApplyAsync(() => Node.Retries = value);

    private Task SetTimeoutAsync(int? value) => ApplyAsync(() => Node.TimeoutMs = value);

    private Task SetContinueOnFailAsync(bool value) => ApplyAsync(() => Node.ContinueOnFail = value);

    private Task SetParallelGroupAsync(string? value) => ApplyAsync(() => Node.ParallelGroup = string.IsNullOrWhiteSpace(value) ? null : value.Trim());

    private Task SetProfileAsync(Guid? value) => ApplyAsync(() => Node.MetricProfileId = value);

    private Task SetParamsAsync(string? value)
    {
        paramsText = value;
        if (string.IsNullOrWhiteSpace(value))
        {
            paramsError = null;
            return ReportedAsync(() => Node.Params = null);
        }
        try
        {
            if (JsonNode.Parse(value) is not JsonObject parsed)
            {
                paramsError = "Params must be a JSON object, e.g. {\"temperature\": 0.2}.";
                return ParamsProblem.InvokeAsync((Node.Key, paramsError));
            }
            paramsError = null;
            return ReportedAsync(() => Node.Params = parsed);
        }
        catch (JsonException ex)
        {
            paramsError = $"Not valid JSON: {ex.Message}";
            return ParamsProblem.InvokeAsync((Node.Key, paramsError));
        }
    }

    /// <summary>Params that parse again: the page hears the problem is gone, then the change itself.</summary>
    private async Task ReportedAsync(Action change)
    {
        await ParamsProblem.InvokeAsync((Node.Key, null));
        await ApplyAsync(change);
    }

    private Task ApplyAsync(Action change)
    {
        if (ReadOnly) return Task.CompletedTask;
        change();
        return Changed.InvokeAsync(Node);
    }
}
