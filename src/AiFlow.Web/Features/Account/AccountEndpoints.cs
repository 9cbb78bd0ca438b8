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
            SignInManager<AppUser> signIn, ILoggerFactory loggers) =>
        {
            var target = SafeReturnUrl(returnUrl);
            var users = signIn.UserManager;
            var user = await users.FindByEmailAsync(email.Trim());
            string reason;
            // One answer for an unknown e-mail, a wrong password and a locked account, and one password hash each, so
            // neither the page nor its timing tells which accounts exist or are locked.
            if (user is null || await users.IsLockedOutAsync(user))
            {
                DummyPassword.Verify(users.PasswordHasher, password);
                reason = user is null ? "unknown account" : "locked";
            }
            else
            {
                var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded) return Results.LocalRedirect(target);
                reason = result.IsLockedOut ? "wrong password, now locked" : "wrong password";
            }

            loggers.CreateLogger("AiFlow.SignIn").LogWarning("Sign-in refused for {Email}: {Reason}", email, reason);
            return Results.LocalRedirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
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
