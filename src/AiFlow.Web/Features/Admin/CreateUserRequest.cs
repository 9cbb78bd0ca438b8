namespace AiFlow.Web.Features.Admin;

/// <param name="DisplayName">Optional; the e-mail's local part when missing.</param>
public sealed record CreateUserRequest(string Email, string? DisplayName, string Role);
