using AiFlow.Domain.Pipelines.Dag;
using AiFlow.Domain.Runs;
using Microsoft.AspNetCore.Components;

namespace AiFlow.Web.Features.Runs.View;

/// <summary>The pinned DAG as a read-only status picture: one box per node, coloured by its latest attempt.</summary>
public partial class DagView
{
    private const int NodeWidth = 140;
    private const int NodeHeight = 32;
    private const int LayerGap = 50;
    private const int RowGap = 14;

    [Parameter, EditorRequired] public IReadOnlyList<DagNode> Nodes { get; set; } = [];

    /// <summary>Latest status per node key.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, StepRunStatus> Statuses { get; set; } = new Dictionary<string, StepRunStatus>();

    [Parameter] public string? SelectedNode { get; set; }

    [Parameter] public EventCallback<string> OnSelect { get; set; }

    private IReadOnlyList<DagLayers.Placed> placed = [];
    private Dictionary<string, DagLayers.Placed> byKey = [];
    private List<(DagLayers.Placed From, DagLayers.Placed To)> edges = [];

    private int Width => ((placed.Count == 0 ? 0 : placed.Max(p => p.Layer)) + 1) * (NodeWidth + LayerGap) + 10;
    private int Height => ((placed.Count == 0 ? 0 : placed.Max(p => p.Row)) + 1) * (NodeHeight + RowGap) + 10;

    protected override void OnParametersSet()
    {
        placed = DagLayers.Layout(Nodes);
        byKey = placed.ToDictionary(p => p.Key, StringComparer.Ordinal);
        edges = [.. Nodes.SelectMany(n => n.DependsOn.Where(byKey.ContainsKey).Select(d => (byKey[d], byKey[n.Key])))];
    }

    private static int X(DagLayers.Placed p) => 5 + p.Layer * (NodeWidth + LayerGap);
    private static int Y(DagLayers.Placed p) => 5 + p.Row * (NodeHeight + RowGap);
    private StepRunStatus? StatusOf(string key) => Statuses.TryGetValue(key, out var s) ? s : null;
    private static string Short(string key) => key.Length > 18 ? key[..17] + "…" : key;
}
