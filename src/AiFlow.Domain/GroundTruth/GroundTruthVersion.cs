namespace AiFlow.Domain.GroundTruth;

public class GroundTruthVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid GroundTruthExampleId { get; set; }
    public int Number { get; set; }
    public string InputJson { get; set; } = "{}";
    public string ExpectedIrJson { get; set; } = "{}";
    public GroundTruthProvenance Provenance { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
}
