using Microsoft.AspNetCore.Identity;

namespace AiFlow.Infrastructure.Identity;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>When an Admin disabled the account; a disabled user cannot sign in and their sessions end (ADR 0031).</summary>
    public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>When the user last signed in with a password, for Admins to see dormant accounts.</summary>
    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>The password is a one-time password an Admin was shown: the user must choose their own before signing in.</summary>
    public bool MustChangePassword { get; set; }
}
