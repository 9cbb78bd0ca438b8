namespace AiFlow.Web.Features.Access;

public sealed record CreateApiKeyRequest(string Name, string Role);
