using AiFlow.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace AiFlow.Web.Features.Account;

/// <summary>
/// A password hash nobody's password matches, checked when there is no account to check against (unknown e-mail,
/// locked account), so a refused sign-in costs the same hashing whatever the reason.
/// </summary>
internal static class DummyPassword
{
    private static readonly AppUser Nobody = new() { UserName = "nobody" };
    private static string? hash;

    public static void Verify(IPasswordHasher<AppUser> hasher, string password)
    {
        hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
