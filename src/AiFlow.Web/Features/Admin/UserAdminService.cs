using System.Net.Mail;
using AiFlow.Domain.Access;
using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Persistence;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiFlow.Web.Features.Admin;

/// <summary>
/// What Admins do to accounts (ADR 0031): create with a one-time password, assign the one role, disable and enable, reset
/// the password. Each change is one transaction with its audit entry (Identity's tables are not audited by the
/// interceptor). Disabling, a role change and a reset renew the security stamp, so the user's cookies and open circuits
/// lose the old state within <see cref="SecurityOptions.StampValidationInterval"/>.
/// </summary>
public sealed class UserAdminService(IServiceScopeFactory scopes, IDbContextFactory<AiFlowDbContext> contexts, TimeProvider clock)
{
    // Any fixed number: changes to accounts take this lock, so two Admins cannot each disable or demote the other one of
    // the last two enabled Admins at the same moment.
    private const long LockKey = 0x4169_466C_6F77_5553;
    private const int MaxDisplayName = 100;
    private const int MaxEmail = 256;

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken) => await SummariesAsync(null, cancellationToken);

    /// <summary>One user as the list shows them, or null; only that user's roles are read.</summary>
    public async Task<UserSummary?> GetAsync(string id, CancellationToken cancellationToken) => (await SummariesAsync(id, cancellationToken)).SingleOrDefault();

    /// <summary>Every user, or only the one with <paramref name="id"/>.</summary>
    private async Task<List<UserSummary>> SummariesAsync(string? id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var users = await db.Users.AsNoTracking().Where(u => id == null || u.Id == id).OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.DisabledAt, u.LastSignInAt, LockedOutUntil = u.LockoutEnd > now ? u.LockoutEnd : null, u.MustChangePassword })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where id == null || ur.UserId == id select new { ur.UserId, r.Name })
            .AsNoTracking().ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name);
        return users.Select(u => new UserSummary(u.Id, u.Email ?? "", u.DisplayName, Roles.All.FirstOrDefault(byUser[u.Id].Contains),
            u.DisabledAt, u.LastSignInAt, u.LockedOutUntil, u.MustChangePassword)).ToList();
    }

    /// <summary>A new account with one role and a one-time password (in the result), which the user must replace at first sign-in.</summary>
    public async Task<UserAdminResult> CreateAsync(CreateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var email = request.Email?.Trim() ?? "";
        if (!IsEmail(email)) return UserAdminResult.Invalid("/email", "Give an e-mail address such as name@example.com.");
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? email.Split('@')[0] : request.DisplayName.Trim();
        if (displayName.Length > MaxDisplayName || displayName.Any(char.IsControl))
        {
            return UserAdminResult.Invalid("/displayName", $"A display name has at most {MaxDisplayName} characters and no control characters.");
        }
        if (!Roles.All.Contains(request.Role)) return UserAdminResult.Invalid("/role", $"Role must be one of {string.Join(", ", Roles.All)}.");

        return await ChangeAsync(async (users, db) =>
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                return new UserAdminResult(UserAdminOutcome.Duplicate, $"A user with the e-mail {email} already exists.", "/email");
            }
            var password = OneTimePassword.New();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, MustChangePassword = true };
            // Identity refuses user names with characters outside its list; the user name is the e-mail here.
            if (Describe(await users.CreateAsync(user, password)) is { } createError) return UserAdminResult.Invalid("/email", createError);
            if (Describe(await users.AddToRoleAsync(user, request.Role)) is { } roleError) return UserAdminResult.Invalid("/role", roleError);
            await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], AuditAction.Created, null,
                new { user.Email, user.DisplayName, Roles = new[] { request.Role }, user.MustChangePassword }, cancellationToken);
            return UserAdminResult.Done with { Password = new UserPassword(user.Id, email, password) };
        }, cancellationToken);
    }

    /// <summary>Leaves the user with exactly <paramref name="role"/>; an Admin cannot drop their own Admin role or the last enabled Admin's.</summary>
    /// <param name="actorId">The acting user's id; null for an API key.</param>
    public Task<UserAdminResult> AssignRoleAsync(string? actorId, string userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.All.Contains(role)) return Task.FromResult(UserAdminResult.Invalid("/role", $"Role must be one of {string.Join(", ", Roles.All)}."));
        return ChangeAsync(async (users, db) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user) return UserAdminResult.NotFound;
            var before = (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal).ToList();
            if (before.SequenceEqual([role])) return UserAdminResult.Done;
            if (before.Contains(Roles.Admin) && role != Roles.Admin)
            {
                if (user.Id == actorId) return UserAdminResult.Refused("You cannot remove your own Admin role.");
                if (await IsLastEnabledAdminAsync(users, user)) return UserAdminResult.Refused($"{user.Email} is the last enabled Admin; make another user Admin first.");
            }
            var others = before.Where(r => r != role).ToList();
            if (others.Count > 0 && Describe(await users.RemoveFromRolesAsync(user, others)) is { } removeError) return UserAdminResult.Invalid("/role", removeError);
            if (!before.Contains(role) && Describe(await users.AddToRoleAsync(user, role)) is { } addError) return UserAdminResult.Invalid("/role", addError);
            Check(await users.UpdateSecurityStampAsync(user));
            await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], new { user.Email, Roles = before }, new { user.Email, Roles = new[] { role } }, cancellationToken);
            return UserAdminResult.Done;
        }, cancellationToken);
    }

    /// <summary>The user can no longer sign in, and their cookies and circuits end at their next stamp check. Disabling twice changes nothing.</summary>
    public Task<UserAdminResult> DisableAsync(string? actorId, string userId, CancellationToken cancellationToken) =>
        ChangeAsync(async (users, db) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user) return UserAdminResult.NotFound;
            if (user.Id == actorId) return UserAdminResult.Refused("You cannot disable your own account.");
            if (user.DisabledAt is not null) return UserAdminResult.Done;
            if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastEnabledAdminAsync(users, user))
            {
                return UserAdminResult.Refused($"{user.Email} is the last enabled Admin; make another user Admin first.");
            }
            user.DisabledAt = clock.GetUtcNow();
            Check(await users.UpdateSecurityStampAsync(user));
            await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], new { user.Email, DisabledAt = (DateTimeOffset?)null },
                new { user.Email, user.DisabledAt }, cancellationToken);
            return UserAdminResult.Done;
        }, cancellationToken);

    /// <summary>The user may sign in again (with the password they had). Enabling an enabled user changes nothing.</summary>
    public Task<UserAdminResult> EnableAsync(string userId, CancellationToken cancellationToken) =>
        ChangeAsync(async (users, db) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user) return UserAdminResult.NotFound;
            if (user.DisabledAt is not { } disabledAt) return UserAdminResult.Done;
            user.DisabledAt = null;
            Check(await users.UpdateAsync(user));
            await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], new { user.Email, DisabledAt = disabledAt },
                new { user.Email, DisabledAt = (DateTimeOffset?)null }, cancellationToken);
            return UserAdminResult.Done;
        }, cancellationToken);

    /// <summary>
    /// A new one-time password (in the result) that the user must replace at their next sign-in. It ends the user's
    /// sessions (the stamp is renewed) and lifts a lockout, since a reset is how a locked-out user gets back in.
    /// </summary>
    public Task<UserAdminResult> ResetPasswordAsync(string userId, CancellationToken cancellationToken) =>
        ChangeAsync(async (users, db) =>
        {
            if (await users.FindByIdAsync(userId) is not { } user) return UserAdminResult.NotFound;
            var password = OneTimePassword.New();
            user.MustChangePassword = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            // Saves the properties above with the new hash, and renews the security stamp.
            Check(await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password));
            await AuditLog.RecordAsync(db, clock, nameof(AppUser), [user.Id], null,
                new { user.Email, PasswordReset = true, user.MustChangePassword }, cancellationToken);
            return UserAdminResult.Done with { Password = new UserPassword(user.Id, user.Email ?? "", password) };
        }, cancellationToken);

    private async Task<UserAdminResult> ChangeAsync(Func<UserManager<AppUser>, AiFlowDbContext, Task<UserAdminResult>> change, CancellationToken cancellationToken)
    {
        // A scope (and DbContext) of its own: the caller may be a circuit, where one DbContext must not span events.
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AiFlowDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var result = await change(users, db);
        // Anything but success rolls back, so a refused create leaves no account without its role.
        if (result.Outcome == UserAdminOutcome.Done) await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static async Task<bool> IsLastEnabledAdminAsync(UserManager<AppUser> users, AppUser user) =>
        user.DisabledAt is null && !(await users.GetUsersInRoleAsync(Roles.Admin)).Any(u => u.Id != user.Id && u.DisabledAt is null);

    internal static bool IsEmail(string email) =>
        email.Length is > 0 and <= MaxEmail
        && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
        && MailAddress.TryCreate(email, out var address)
        && address.Address == email && address.Host.Length > 0 && address.User.Length > 0;

    private static string? Describe(IdentityResult result) =>
        result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.Description));

    /// <summary>For steps that fail only on a bug (a concurrency stamp moved inside the lock): an exception, not a message.</summary>
    private static void Check(IdentityResult result)
    {
        if (Describe(result) is { } error) throw new InvalidOperationException(error);
    }
}
