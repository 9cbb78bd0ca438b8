using AiFlow.Domain.Common;

namespace AiFlow.Domain.Schemas;

/// <summary>A named IR schema (usually one per step definition) with immutable versions.</summary>
public class IrSchema : IAudited, IArchivable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public Guid? StepDefinitionId { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }
    public uint Version { get; set; }
    public List<IrSchemaVersion> Versions { get; set; } = [];
}
