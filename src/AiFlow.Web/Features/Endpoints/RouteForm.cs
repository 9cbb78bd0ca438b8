namespace AiFlow.Web.Features.Endpoints;

/// <summary>A model route as an admin edits it: a task type, its chain and how it picks from it.</summary>
public sealed class RouteForm
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public string TaskType { get; set; } = "";
    public List<Guid> EndpointChain { get; set; } = [];
    public bool FallBackOnInvalidOutput { get; set; } = true;
    /// <summary>One of <see cref="AiFlow.Domain.Inference.RoutingStrategy.All"/>.</summary>
    public string Strategy { get; set; } = AiFlow.Domain.Inference.RoutingStrategy.Ordered;
}
