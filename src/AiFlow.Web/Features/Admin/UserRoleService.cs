using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace AiFlow.Web.Features.Admin;

/// <summary>
/// Leaves a user with exactly one role, in one transaction: the security stamp is renewed, so the user's cookie and open
/// circuits lose the old role within <see cref="SecurityOptions.StampValidationInterval"/>, and an audit entry records
/// the roles before and after (Identity's tables are not audited by the interceptor).
/// </summary>
public sealed class UserRoleService(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <returns>Null, or why the role was not changed.</returns>
    public async Task<string?> AssignAsync(string userId, string role, CancellationToken cancellationToken)
    {
        // A scope (and DbContext) of its own: the caller may be a circuit, where one DbContext must not span events.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AiFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var user = await users.FindByIdAsync(userId);
        if (user is null) return "the user no longer exists.";
        var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
        if (before.SequenceEqual([role])) return null;
        var others = before.Where(r => r != role).ToList();
        if (others.Count > 0 && Describe(await users.RemoveFromRolesAsync(user, others)) is { } removeError) return removeError;
        if (!before.Contains(role) && Describe(await users.AddToRoleAsync(user, role)) is { } addError) return addError;
        if (Describe(await users.UpdateSecurityStampAsync(user)) is { } stampError) return stampError;
        await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], new { user.Email, Roles = before }, new { user.Email, Roles = new[] { role } }, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    private static string? Describe(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));
}
