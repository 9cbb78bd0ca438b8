using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>
/// Hosts the React Flow island (wwwroot/dist/dag-editor.js, fetched on first use by js/dag-editor-loader.js). Blazor
/// owns the data: the island draws what it is given and reports edits through <see cref="OnGraphChangedAsync"/> and
/// <see cref="OnNodeSelectedAsync"/>.
/// </summary>
public sealed partial class DagCanvas
{
    private readonly Lazy<DotNetObjectReference<DagCanvas>> self;
    private ElementReference host;
    private bool mounted;
    private bool disposed;
    private List<EditorIssue>? pendingIssues;
    private object? pendingOverlay;
    private Dictionary<string, NodeBadges>? pendingBadges;

    public DagCanvas() => self = new(() => DotNetObjectReference.Create(this));

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The graph drawn when the island mounts; later changes go through <see cref="UpdateAsync"/>.</summary>
    [Parameter, EditorRequired] public CanvasGraph Graph { get; set; } = new([], []);

    /// <summary>Step versions offered for dragging onto the canvas.</summary>
    [Parameter] public IReadOnlyList<StepOption> Palette { get; set; } = [];

    [Parameter] public bool ReadOnly { get; set; }

    [Parameter] public string Height { get; set; } = "560px";

    [Parameter] public string TestId { get; set; } = "dag-canvas";

    [Parameter] public EventCallback<CanvasGraph> GraphChanged { get; set; }

    [Parameter] public EventCallback<string?> NodeSelected { get; set; }

    /// <summary>Judges a new or moved edge (source, target, replaced source, replaced target): null allows it, else the refusal.</summary>
    [Parameter] public Func<string, string, string?, string?, string?>? EdgeCheck { get; set; }

    /// <summary>Applied once the island is mounted (e.g. diff colours).</summary>
    [Parameter] public object? InitialOverlay { get; set; }

    /// <summary>The graph as the island last drew it.</summary>
    public CanvasGraph Current { get; private set; } = new([], []);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        Current = Graph;
        pendingOverlay = InitialOverlay;
        // The bundle is not on every page (App.razor): fetched once, on the first canvas. What the page sends
        // meanwhile is kept: the latest graph, issues and overlay are drawn once the island is up.
        await JS.InvokeVoidAsync("aiflowDagLoader.load");
        if (disposed) return; // the page was left while the bundle arrived
        await JS.InvokeVoidAsync("aiflowDagEditor.mount", host, self.Value, Options(Current));
        mounted = true;
        if (pendingIssues is not null) await HighlightAsync(pendingIssues);
        if (pendingOverlay is not null) await OverlayAsync(pendingOverlay);
        if (pendingBadges is not null) await BadgesAsync(pendingBadges);
    }

    /// <summary>Redraws the island with <paramref name="graph"/>; <paramref name="fit"/> fits the view to it (another version was loaded).</summary>
    public async Task UpdateAsync(CanvasGraph graph, bool readOnly, bool fit = false)
    {
        ReadOnly = readOnly;
        Current = graph;
        if (mounted) await JS.InvokeVoidAsync("aiflowDagEditor.update", host, Options(graph, fit));
    }

    public async Task HighlightAsync(IEnumerable<EditorIssue> issues)
    {
        if (!mounted)
        {
            pendingIssues = [.. issues];
            return;
        }
        await JS.InvokeVoidAsync("aiflowDagEditor.highlight", host, issues.Select(i => new { message = i.Message, nodes = i.Nodes }).ToArray());
    }

    /// <summary>Redraws each node's policy badges (condition, retries, timeout, continue-on-fail) without touching the island's undo history.</summary>
    public async Task BadgesAsync(IReadOnlyDictionary<string, NodeBadges> badges)
    {
        if (!mounted)
        {
            pendingBadges = new Dictionary<string, NodeBadges>(badges);
            return;
        }
        await JS.InvokeVoidAsync("aiflowDagEditor.badges", host, badges.ToDictionary(p => p.Key, p => Badge(p.Value)));
    }

    public async Task OverlayAsync(object statuses)
    {
        if (!mounted)
        {
            pendingOverlay = statuses;
            return;
        }
        await JS.InvokeVoidAsync("aiflowDagEditor.overlay", host, statuses);
    }

    [JSInvokable("OnGraphChanged")]
    public Task OnGraphChangedAsync(string json)
    {
        var graph = System.Text.Json.JsonSerializer.Deserialize<CanvasGraph>(json, System.Text.Json.JsonSerializerOptions.Web);
        if (graph is null) return Task.CompletedTask;
        Current = graph;
        return GraphChanged.InvokeAsync(graph);
    }

    [JSInvokable("OnNodeSelected")]
    public Task OnNodeSelectedAsync(string? key) => NodeSelected.InvokeAsync(key);

    [JSInvokable]
    public string? CheckEdge(string source, string target, string? replacingSource, string? replacingTarget) =>
        EdgeCheck?.Invoke(source, target, replacingSource, replacingTarget);

    private object Options(CanvasGraph graph, bool fit = false) => new
    {
        fit,
        nodes = graph.Nodes.Select(n => new { key = n.Key, stepVersionId = n.StepVersionId, stepLabel = n.StepLabel, x = n.X, y = n.Y, outputType = n.OutputType, badges = n.Badges is null ? null : Badge(n.Badges) }),
        edges = graph.Edges.Select(e => new { source = e.Source, target = e.Target }),
        palette = Palette.Select(p => new { stepVersionId = p.StepVersionId, stepKey = p.StepKey, label = p.Label, kind = p.Kind, outputType = p.OutputType }),
        readOnly = ReadOnly,
    };

    private static object Badge(NodeBadges b) => new { condition = b.Condition, retries = b.Retries, timeoutMs = b.TimeoutMs, continueOnFail = b.ContinueOnFail };

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        try
        {
            if (mounted) await JS.InvokeVoidAsync("aiflowDagEditor.dispose", host);
        }
        catch (Exception e) when (e is JSDisconnectedException or TaskCanceledException)
        {
            // The circuit is gone, or closing (its pending calls are cancelled), and the island with it.
        }
        if (self.IsValueCreated) self.Value.Dispose();
    }
}
