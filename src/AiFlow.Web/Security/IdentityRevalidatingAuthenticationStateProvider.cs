using System.Security.Claims;
using AiFlow.Infrastructure.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Security;

/// <summary>
/// An open circuit keeps the principal it started with; this checks its security stamp every
/// <see cref="SecurityOptions.StampValidationInterval"/> and signs the circuit out when the stamp changed (a role change
/// renews it) or the user was disabled, so a demoted or disabled user loses access in open tabs too.
/// </summary>
public sealed class IdentityRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<IdentityOptions> identity,
    IOptions<SecurityOptions> security)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => security.Value.StampValidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var principal = authenticationState.User;
        // Disabling renews the stamp too; the flag is checked as well so that the circuit ends even if the stamp did not move.
        if (await users.GetUserAsync(principal) is not { DisabledAt: null } user) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        return principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) == await users.GetSecurityStampAsync(user);
    }
}
