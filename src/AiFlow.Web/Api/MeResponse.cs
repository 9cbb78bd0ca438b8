namespace AiFlow.Web.Api;

public sealed record MeResponse(string Name, string Role, string Via);
