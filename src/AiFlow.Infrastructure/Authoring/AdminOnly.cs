using System.Security.Claims;
using AiFlow.Domain.Access;

namespace AiFlow.Infrastructure.Authoring;

/// <summary>Authoring services check the role themselves: a hidden button is not a permission.</summary>
public static class AdminOnly
{
    /// <summary>The Admin's name, or <see cref="UnauthorizedAccessException"/> for anyone else.</summary>
    public static string Require(ClaimsPrincipal user, string what)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(Roles.Admin))
        {
            throw new UnauthorizedAccessException($"Only an Admin may change {what}.");
        }
        return user.Identity.Name ?? "unknown";
    }
}
