using AiFlow.Domain.Common;

namespace AiFlow.Domain.Steps;

/// <summary>A catalog entry such as <c>layout_split</c>; its behaviour lives in immutable <see cref="StepVersion"/>s.</summary>
public class StepDefinition : IAudited, IArchivable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public StepKind Kind { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }
    public uint Version { get; set; }
    public List<StepVersion> Versions { get; set; } = [];
}
