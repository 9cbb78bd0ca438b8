namespace AiFlow.Domain.Privacy;

/// <summary>
/// What the redaction policy took out of one stored field (an entity's property) when it was written, and, when the
/// policy keeps originals, the original sealed with the data-protection key ring so that only an Admin can read it.
/// </summary>
public class RedactionRecord
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The entity's type name, e.g. <c>StepRun</c>.</summary>
    public string EntityType { get; set; } = "";

    public Guid EntityId { get; set; }

    /// <summary>The property, e.g. <c>RenderedPrompt</c>.</summary>
    public string Field { get; set; } = "";

    public List<PiiFinding> Findings { get; set; } = [];

    /// <summary>The original value, protected by the key ring; null when the policy keeps no originals.</summary>
    public string? SealedOriginal { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
