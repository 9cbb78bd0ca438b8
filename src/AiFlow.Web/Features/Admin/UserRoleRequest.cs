namespace AiFlow.Web.Features.Admin;

public sealed record UserRoleRequest(string Role);
