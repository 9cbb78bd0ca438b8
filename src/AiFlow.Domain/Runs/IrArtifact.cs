namespace AiFlow.Domain.Runs;

/// <summary>The IR a step run produced, with the outcome of validating it.</summary>
public class IrArtifact
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepRunId { get; set; }
    public Guid? IrSchemaVersionId { get; set; }
    public string IrJson { get; set; } = "null";
    public bool IsValid { get; set; }
    public List<IrValidationError> ValidationErrors { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
