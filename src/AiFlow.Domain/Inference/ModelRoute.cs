using AiFlow.Domain.Common;

namespace AiFlow.Domain.Inference;

/// <summary>Maps a task type to a chain of endpoints, picked from by its <see cref="Strategy"/>.</summary>
public class ModelRoute : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Name { get; set; } = "";
    public string TaskType { get; set; } = "";
    public List<Guid> EndpointChain { get; set; } = [];
    public bool FallBackOnInvalidOutput { get; set; } = true;
    /// <summary>One of <see cref="RoutingStrategy.All"/>; failures still walk on to the next candidate.</summary>
    public string Strategy { get; set; } = RoutingStrategy.Ordered;
    public uint Version { get; set; }
}
