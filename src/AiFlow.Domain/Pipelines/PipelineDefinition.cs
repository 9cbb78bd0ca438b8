using AiFlow.Domain.Common;

namespace AiFlow.Domain.Pipelines;

public class PipelineDefinition : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>Optional JSON Schema the run input must satisfy.</summary>
    public string? InputSchemaJson { get; set; }
    public string? CronSchedule { get; set; }
    public uint Version { get; set; }
    public List<PipelineVersion> Versions { get; set; } = [];
}
