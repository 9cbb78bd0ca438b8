using System.Security.Claims;
using AiFlow.Domain.Access;

namespace AiFlow.Web.Security;

public static class CurrentUser
{
    /// <summary>The caller's highest role, for display and for <c>/api/me</c>.</summary>
    public static string? PrimaryRole(this ClaimsPrincipal user) =>
        Roles.All.FirstOrDefault(user.IsInRole);
}
