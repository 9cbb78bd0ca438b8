namespace AiFlow.Domain.Pipelines.Dag;

public sealed class DagLayout
{
    public Dictionary<string, NodePosition> Positions { get; set; } = [];
}
