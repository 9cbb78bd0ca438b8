using AiFlow.Infrastructure.Identity;
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
            var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
            // The same words for an unknown e-mail and a wrong password, so the page leaks nothing about accounts.
            if (user is null) return Results.LocalRedirect($"/signin?error=invalid&returnUrl={Uri.EscapeDataString(target)}");
            var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded) return Results.LocalRedirect(target);
            var error = result.IsLockedOut ? "locked" : "invalid";
            loggers.CreateLogger("AiFlow.SignIn").LogWarning("Sign-in refused for {Email}: {Reason}", email, error);
            return Results.LocalRedirect($"/signin?error={error}&returnUrl={Uri.EscapeDataString(target)}");
        });
        account.MapPost("/signout", async (SignInManager<AppUser> signIn) =>
        {
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
