using AiFlow.Domain.Common;

namespace AiFlow.Domain.Prompts;

public class PromptTemplate : IAudited, IArchivable
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public DateTimeOffset? ArchivedAt { get; set; }
    public string? ArchivedBy { get; set; }
    public uint Version { get; set; }
    public List<PromptTemplateVersion> Versions { get; set; } = [];
}
