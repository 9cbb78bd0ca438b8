using AiFlow.Infrastructure.Identity;
using AiFlow.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AiFlow.Web.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();
        account.MapPost("/signin", async ([FromForm] string email, [FromForm] string password, [FromForm] string? returnUrl,
            SignInManager<AppUser> signIn, SignInRecord record, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var target = SafeReturnUrl(returnUrl);
            var (user, reason) = await CheckPasswordAsync(signIn, email, password);
            if (user is not null && user.MustChangePassword)
            {
                // No cookie yet: a one-time password only opens the form that replaces it.
                return Results.LocalRedirect($"/signin/new-password?email={Uri.EscapeDataString(user.Email ?? "")}&returnUrl={Uri.EscapeDataString(target)}");
            }
            if (user is not null)
            {
                await signIn.SignInAsync(user, isPersistent: false);
                await record.SignedInAsync(user.Id, ct);
                return Results.LocalRedirect(target);
            }

            loggers.CreateLogger("AiFlow.SignIn").LogWarning("Sign-in refused for {Email}: {Reason}", email, reason);
            return Results.LocalRedirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
        }).RequireRateLimiting(RateLimits.SignIn);
        account.MapPost("/new-password", async ([FromForm] string email, [FromForm] string password, [FromForm] string newPassword,
            [FromForm] string confirmPassword, [FromForm] string? returnUrl, SignInManager<AppUser> signIn, SignInRecord record,
            ILoggerFactory loggers, CancellationToken ct) =>
        {
            var target = SafeReturnUrl(returnUrl);
            string Again(string error) =>
                $"/signin/new-password?error={error}&email={Uri.EscapeDataString(email.Trim())}&returnUrl={Uri.EscapeDataString(target)}";
            var (user, reason) = await CheckPasswordAsync(signIn, email, password);
            if (user is null)
            {
                loggers.CreateLogger("AiFlow.SignIn").LogWarning("Password change refused for {Email}: {Reason}", email, reason);
                return Results.LocalRedirect(Again("invalid"));
            }
            if (newPassword != confirmPassword) return Results.LocalRedirect(Again("mismatch"));
            if (newPassword == password) return Results.LocalRedirect(Again("same"));
            var users = signIn.UserManager;
            user.MustChangePassword = false;
            // Checks the new password against the rules, saves it with the flag and renews the security stamp.
            var changed = await users.ChangePasswordAsync(user, password, newPassword);
            if (!changed.Succeeded) return Results.LocalRedirect(Again("weak"));
            await signIn.SignInAsync(user, isPersistent: false);
            await record.SignedInAsync(user.Id, ct);
            return Results.LocalRedirect(target);
        }).RequireRateLimiting(RateLimits.SignIn);
        // A form post with the layout's antiforgery token: another site cannot sign a user out.
        account.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery, SignInManager<AppUser> signIn) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Sign out from the console's own Sign out button (the antiforgery token is missing or invalid).");
            }

            await signIn.SignOutAsync();
            return Results.LocalRedirect("/signin");
        });
    }

    /// <summary>
    /// The account when the password is right and it may sign in, else null and the reason for the log. One answer for an
    /// unknown e-mail, a wrong password, a locked and a disabled account, and one password hash each, so neither the page
    /// nor its timing tells which accounts exist, are locked or are disabled.
    /// </summary>
    private static async Task<(AppUser? User, string Reason)> CheckPasswordAsync(SignInManager<AppUser> signIn, string email, string password)
    {
        var users = signIn.UserManager;
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null || user.DisabledAt is not null || await users.IsLockedOutAsync(user))
        {
            DummyPassword.Verify(users.PasswordHasher, password);
            return (null, user is null ? "unknown account" : user.DisabledAt is not null ? "disabled" : "locked");
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded) return (user, "");
        return (null, result.IsLockedOut ? "wrong password, now locked" : "wrong password");
    }

    /// <summary>
    /// A path on this site, or "/". Browsers read <c>/\evil.example</c> like <c>//evil.example</c> (another host), so a
    /// backslash anywhere, a second leading slash and control characters are refused, as IsLocalUrl refuses them.
    /// </summary>
    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && !returnUrl.Contains('\\', StringComparison.Ordinal)
        && !returnUrl.Any(char.IsControl)
            ? returnUrl
            : "/";
}
