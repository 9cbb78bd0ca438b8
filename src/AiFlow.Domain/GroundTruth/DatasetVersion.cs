namespace AiFlow.Domain.GroundTruth;

/// <summary>
/// An immutable snapshot of a scope's ground truth: the example versions that were current, schema-valid and not retired
/// at that moment. Evaluations pin one, so a result always says exactly which cases it was measured on.
/// </summary>
public class DatasetVersion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public GroundTruthScope Scope { get; set; }
    public Guid ScopeId { get; set; }
    public int Number { get; set; }
    public int ExampleCount { get; set; }
    /// <summary><c>curation</c> when a curation pass changed the scope's examples, <c>manual</c> when someone took it.</summary>
    public string Source { get; set; } = "manual";
    public string? CreatedBy { get; set; }
    public string? Note { get; set; }
    /// <summary>Set when the snapshot was narrowed to the examples carrying this tag; null for all of the scope's examples.</summary>
    public string? Tag { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<DatasetVersionItem> Items { get; set; } = [];
}
