using AiFlow.Domain.Common;

namespace AiFlow.Domain.Inference;

/// <summary>Maps a task type to an ordered fallback chain of endpoints.</summary>
public class ModelRoute : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string TaskType { get; set; } = "";
    public List<Guid> EndpointChain { get; set; } = [];
    public bool FallBackOnInvalidOutput { get; set; } = true;
    public uint Version { get; set; }
}
