using AiFlow.Domain.Runs;
using BlazorMonaco.Editor;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiFlow.Web.Components.JsonEditor;

/// <summary>
/// A Monaco editor for JSON (BlazorMonaco, assets served from the package). Edits come back after a quiet spell of
/// <see cref="DebounceMs"/>, one round trip per pause rather than per key, and the server never writes back what was
/// typed: <see cref="Value"/> reaches the editor only when the parent changes it, so a slow round trip cannot undo
/// fresh keystrokes. <see cref="Errors"/> are listed under the editor and underlined at their JSON Pointers.
/// </summary>
public sealed partial class JsonCodeEditor
{
    private StandaloneCodeEditor? editor;
    private DotNetObjectReference<JsonCodeEditor>? self;
    private string text = "";
    private string? lastValue;
    private bool readOnlyApplied;
    private IReadOnlyList<IrValidationError>? markedErrors;
    private bool monacoLoaded;
    private bool ready;
    private bool pushValue;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The element id Monaco is created in; unique per instance unless set.</summary>
    [Parameter] public string Id { get; set; } = "json-editor-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The text to show. Setting a different value replaces the editor's text; echoing back what the editor reported changes nothing.</summary>
    [Parameter] public string Value { get; set; } = "";

    /// <summary>The editor's text after the user pauses typing (and when the editor loses focus).</summary>
    [Parameter] public EventCallback<string> ValueChanged { get; set; }

    /// <summary>Quiet time before an edit is reported.</summary>
    [Parameter] public int DebounceMs { get; set; } = 250;

    [Parameter] public bool ReadOnly { get; set; }

    /// <summary>Errors whose <c>InstanceLocation</c> is a JSON Pointer into this text.</summary>
    [Parameter] public IReadOnlyList<IrValidationError> Errors { get; set; } = [];

    [Parameter] public string Height { get; set; } = "320px";

    [Parameter] public string? Class { get; set; }

    [Parameter] public string TestId { get; set; } = "json-editor";

    [Parameter] public string ErrorsTestId { get; set; } = "json-editor-errors";

    protected override void OnParametersSet()
    {
        if (Value != lastValue)
        {
            lastValue = Value;
            if (Value != text)
            {
                text = Value;
                pushValue = ready;
            }
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // editor.main.js finishes loading asynchronously (its nls file): create the editor once Monaco is there.
            await JS.InvokeVoidAsync("aiflowJsonEditor.whenReady");
            monacoLoaded = true;
            StateHasChanged();
            return;
        }
        if (!ready || editor is null) return;
        if (pushValue)
        {
            pushValue = false;
            await editor.SetValue(text);
        }
        if (readOnlyApplied != ReadOnly)
        {
            readOnlyApplied = ReadOnly;
            await editor.UpdateOptions(new EditorUpdateOptions { ReadOnly = ReadOnly });
        }
        if (!ReferenceEquals(markedErrors, Errors)) await MarkAsync();
    }

    private StandaloneEditorConstructionOptions Options(StandaloneCodeEditor _)
    {
        readOnlyApplied = ReadOnly;
        return new StandaloneEditorConstructionOptions
        {
            Language = "json",
            Value = text,
            ReadOnly = ReadOnly,
            AutomaticLayout = true,
            Minimap = new EditorMinimapOptions { Enabled = false },
            ScrollBeyondLastLine = false,
            FixedOverflowWidgets = true,
            FontSize = 13,
            TabSize = 2,
            // Markers stay visible in a read-only editor too.
            RenderValidationDecorations = "on",
        };
    }

    private async Task OnEditorInitAsync()
    {
        self ??= DotNetObjectReference.Create(this);
        await JS.InvokeVoidAsync("aiflowJsonEditor.watch", Id, self, DebounceMs);
        ready = true;
        await MarkAsync();
        StateHasChanged();
    }

    /// <summary>Called by the script after a pause in typing, or when the editor loses focus.</summary>
    [JSInvokable]
    public async Task OnEditorChanged(string value)
    {
        if (value == text) return;
        text = value;
        await ValueChanged.InvokeAsync(value);
    }

    /// <summary>Puts the caret in the editor (the review panel's E key).</summary>
    public async Task FocusAsync()
    {
        if (ready) await JS.InvokeVoidAsync("aiflowJsonEditor.focus", Id);
    }

    /// <summary>The editor's text now, including keystrokes not yet reported; reports them as a change first.</summary>
    public async Task<string> FlushAsync()
    {
        if (!ready) return text;
        var current = await JS.InvokeAsync<string?>("aiflowJsonEditor.getValue", Id);
        if (current is not null) await OnEditorChanged(current);
        return text;
    }

    private async Task MarkAsync()
    {
        markedErrors = Errors;
        var ranges = JsonPointerLocator.Locate(text, Errors.Select(e => e.InstanceLocation));
        var markers = Errors.Where(e => ranges.ContainsKey(e.InstanceLocation)).Select(e =>
        {
            var r = ranges[e.InstanceLocation];
            return new { startLineNumber = r.StartLine, startColumn = r.StartColumn, endLineNumber = r.EndLine, endColumn = r.EndColumn, message = e.Message };
        }).ToArray();
        await JS.InvokeVoidAsync("aiflowJsonEditor.setMarkers", Id, markers);
    }

    public async ValueTask DisposeAsync()
    {
        if (ready)
        {
            try
            {
                await JS.InvokeVoidAsync("aiflowJsonEditor.unwatch", Id);
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the editor with it.
            }
        }
        self?.Dispose();
    }
}
