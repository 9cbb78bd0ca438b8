namespace AiFlow.Domain.GroundTruth;

public class GroundTruthVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid GroundTruthExampleId { get; set; }
    public int Number { get; set; }
    /// <summary>For a step's example, the step input (<see cref="StepInput"/>); for a pipeline's, the pipeline input.</summary>
    public string InputJson { get; set; } = "{}";
    /// <summary>The step version whose output was decided (and whose IR schema the expected IR met), where known.</summary>
    public Guid? StepVersionId { get; set; }
    public string ExpectedIrJson { get; set; } = "{}";
    public GroundTruthProvenance Provenance { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
    /// <summary>
    /// Whether the expected IR meets its step's IR schema: true for everything written since writes were checked, false
    /// (with <see cref="SchemaProblem"/>) for an older version that fails it, null until the start-up audit checked it.
    /// A version that is not true is shown as such and left out of exports and datasets until an edit fixes it.
    /// </summary>
    public bool? SchemaValid { get; set; }
    public string? SchemaProblem { get; set; }
}
