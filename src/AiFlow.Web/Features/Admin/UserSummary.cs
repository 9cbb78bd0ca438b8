namespace AiFlow.Web.Features.Admin;

/// <summary>A user as Admins see them: never a password or its hash.</summary>
/// <param name="Role">The user's role, or null when they have none (an account made outside the console).</param>
public sealed record UserSummary(
    string Id, string Email, string? DisplayName, string? Role, DateTimeOffset? DisabledAt, DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedOutUntil, bool MustChangePassword);
