namespace AiFlow.Web.Features.Endpoints;

public sealed record EndpointCreated(Guid Id);
