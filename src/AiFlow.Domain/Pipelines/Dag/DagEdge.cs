namespace AiFlow.Domain.Pipelines.Dag;

/// <summary>A dependency drawn as an edge: <see cref="Target"/> depends on <see cref="Source"/>.</summary>
public sealed record DagEdge(string Source, string Target)
{
    public override string ToString() => $"{Source} → {Target}";

    public static IEnumerable<DagEdge> Of(PipelineDag dag) =>
        dag.Nodes.SelectMany(n => n.DependsOn.Distinct(StringComparer.Ordinal).Select(d => new DagEdge(d, n.Key)));
}
