namespace AiFlow.Web.Features.Endpoints;

/// <summary>A model route as an admin edits it: a task type and its ordered fallback chain.</summary>
public sealed class RouteForm
{
    public Guid? Id { get; set; }
    public string Name { get; set; } = "";
    public string TaskType { get; set; } = "";
    public List<Guid> EndpointChain { get; set; } = [];
    public bool FallBackOnInvalidOutput { get; set; } = true;
}
