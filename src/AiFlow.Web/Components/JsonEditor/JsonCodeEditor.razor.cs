using AiFlow.Domain.Runs;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiFlow.Web.Components.JsonEditor;

/// <summary>
/// A Monaco editor for JSON (Monaco as shipped in the BlazorMonaco package, served locally). Edits come back after a
/// quiet spell of <see cref="DebounceMs"/>, one round trip per pause rather than per key, and the server never writes
/// back what was typed: <see cref="Value"/> reaches the editor only when the parent changes it, so a slow round trip
/// cannot undo fresh keystrokes. <see cref="Errors"/> are listed under the editor and underlined at their JSON Pointers.
/// The editor is created by wwwroot/js/json-editor.js rather than BlazorMonaco's component (ADR 0011): that component
/// throws, and ends the circuit, when it is removed before its first render completes.
/// </summary>
public sealed partial class JsonCodeEditor
{
    private DotNetObjectReference<JsonCodeEditor>? self;
    private string text = "";
    private string? lastValue;
    private bool readOnlyApplied;
    private IReadOnlyList<IrValidationError>? markedErrors;
    private bool ready;
    private bool disposed;
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
        try
        {
            if (firstRender)
            {
                await CreateAsync();
                return;
            }
            if (!ready) return;
            if (pushValue)
            {
                pushValue = false;
                await JS.InvokeVoidAsync("aiflowJsonEditor.setValue", Id, text);
            }
            if (readOnlyApplied != ReadOnly)
            {
                readOnlyApplied = ReadOnly;
                await JS.InvokeVoidAsync("aiflowJsonEditor.setReadOnly", Id, ReadOnly);
            }
            if (!ReferenceEquals(markedErrors, Errors)) await MarkAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the editor with it.
        }
    }

    private async Task CreateAsync()
    {
        self = DotNetObjectReference.Create(this);
        readOnlyApplied = ReadOnly;
        var options = new
        {
            value = text,
            readOnly = ReadOnly,
            language = "json",
            automaticLayout = true,
            minimap = new { enabled = false },
            scrollBeyondLastLine = false,
            fixedOverflowWidgets = true,
            fontSize = 13,
            tabSize = 2,
            // Markers stay visible in a read-only editor too.
            renderValidationDecorations = "on",
            // What is typed or pasted is exactly what arrives, as in a plain text box: auto-closed quotes and
            // brackets, "typed over" later, leave stray characters behind when typing is fast.
            autoClosingBrackets = "never",
            autoClosingQuotes = "never",
            autoSurround = "never",
        };
        // Monaco may still be loading; the component may be removed meanwhile, and then the editor goes too.
        var created = await JS.InvokeAsync<bool>("aiflowJsonEditor.create", Id, options, self, DebounceMs);
        if (disposed)
        {
            if (created) await JS.InvokeVoidAsync("aiflowJsonEditor.dispose", Id);
            return;
        }
        if (!created) return;
        ready = true;
        if (text != options.value) await JS.InvokeVoidAsync("aiflowJsonEditor.setValue", Id, text);
        await MarkAsync();
        StateHasChanged();
    }

    /// <summary>Called by the script after a pause in typing, or when the editor loses focus.</summary>
    [JSInvokable]
    public async Task OnEditorChanged(string value)
    {
        if (disposed || value == text) return;
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
        disposed = true;
        if (ready)
        {
            try
            {
                await JS.InvokeVoidAsync("aiflowJsonEditor.dispose", Id);
            }
            catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
            {
                // The circuit is gone, or closing (its pending calls are cancelled), and the editor with it.
            }
        }
        self?.Dispose();
    }
}
