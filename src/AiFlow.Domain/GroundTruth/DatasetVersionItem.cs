namespace AiFlow.Domain.GroundTruth;

/// <summary>One case of a dataset version: the example and the version of it the snapshot holds.</summary>
public class DatasetVersionItem
{
    public Guid DatasetVersionId { get; set; }
    public Guid GroundTruthExampleId { get; set; }
    public Guid GroundTruthVersionId { get; set; }
}
