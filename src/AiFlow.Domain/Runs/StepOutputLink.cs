namespace AiFlow.Domain.Runs;

/// <summary>Links a step run to the domain record it produced (e.g. a document chunk, a ticket).</summary>
public class StepOutputLink
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepRunId { get; set; }
    public string TargetType { get; set; } = "";
    public string TargetId { get; set; } = "";
    public string Relation { get; set; } = "produced";
    public DateTimeOffset CreatedAt { get; set; }
}
