using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Web.Features.Pipelines.Authoring;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Pipelines.Editor;

/// <summary>Compares two versions: a coloured list and two read-only canvases with added, removed and changed parts marked.</summary>
public sealed partial class DiffView
{
    private int from;
    private int to;
    private int shownFrom;
    private int shownTo;
    private DagDiffResult? result;
    private CanvasGraph? before;
    private CanvasGraph? after;
    private object? beforeOverlay;
    private object? afterOverlay;

    private string DiffKey => $"{shownFrom}-{shownTo}";

    [Inject] private PipelineAuthoringService Authoring { get; set; } = default!;

    [Parameter, EditorRequired] public string PipelineKey { get; set; } = "";

    [Parameter, EditorRequired] public IReadOnlyList<VersionSummary> Versions { get; set; } = [];

    [Parameter, EditorRequired] public AuthoringCatalog Catalog { get; set; } = default!;

    protected override void OnParametersSet()
    {
        if (from != 0 || Versions.Count == 0) return;
        to = Versions[0].Number;
        from = Versions.Count > 1 ? Versions[1].Number : to;
    }

    private async Task CompareAsync()
    {
        var a = await Authoring.GetVersionAsync(PipelineKey, from, CancellationToken.None);
        var b = await Authoring.GetVersionAsync(PipelineKey, to, CancellationToken.None);
        if (a is null || b is null) return;
        result = DagDiff.Compare(a.Dag, b.Dag);
        (shownFrom, shownTo) = (from, to);
        before = EditorGraph.ToCanvas(a.Dag, a.Layout, Catalog);
        after = EditorGraph.ToCanvas(b.Dag, b.Layout, Catalog);
        var changed = result.ChangedNodes.Select(c => c.Key).ToList();
        beforeOverlay = new
        {
            nodes = result.RemovedNodes.Select(k => (k, "removed")).Concat(changed.Select(k => (k, "changed"))).ToDictionary(p => p.k, p => p.Item2),
            edges = result.RemovedEdges.ToDictionary(e => $"{e.Source}->{e.Target}", _ => "removed"),
        };
        afterOverlay = new
        {
            nodes = result.AddedNodes.Select(k => (k, "added")).Concat(changed.Select(k => (k, "changed"))).ToDictionary(p => p.k, p => p.Item2),
            edges = result.AddedEdges.ToDictionary(e => $"{e.Source}->{e.Target}", _ => "added"),
        };
    }
}
