namespace AiFlow.Domain.Pipelines.Dag;

public sealed class PipelineDag
{
    public List<DagNode> Nodes { get; set; } = [];
}
