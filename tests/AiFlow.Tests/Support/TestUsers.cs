using System.Security.Claims;
using AiFlow.Domain.Access;

namespace AiFlow.Tests.Support;

/// <summary>Signed-in principals for calling services that check roles themselves.</summary>
public static class TestUsers
{
    public static ClaimsPrincipal Admin(string name = "alice@aiflow.local") => With(name, Roles.Admin);

    public static ClaimsPrincipal Ops(string name = "oscar@aiflow.local") => With(name, Roles.Ops);

    public static ClaimsPrincipal Reviewer(string name = "rita@aiflow.local") => With(name, Roles.Reviewer);

    private static ClaimsPrincipal With(string name, string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], "test"));
}
