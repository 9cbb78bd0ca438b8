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

    /// <summary>The row for a link a step's IR named; the engine and a review decision both write them.</summary>
    public static StepOutputLink For(Guid stepRunId, Linking.ProducedLink link, DateTimeOffset at) => new()
    {
        StepRunId = stepRunId, TargetType = link.TargetType, TargetId = link.TargetId, Relation = link.Relation, CreatedAt = at,
    };
}
