using System.Security.Claims;
using System.Text.Encodings.Web;
using AiFlow.Infrastructure.Access;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AiFlow.Web.Security;

/// <summary>Authenticates client systems by <c>Authorization: Bearer &lt;key&gt;</c>; the key is looked up by its hash.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<AiFlowDbContext> contexts,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The claim that holds the key's id, e.g. to count a run it launched against the key's budgets.</summary>
    public const string KeyIdClaim = "api_key_id";

    /// <summary>The id of the API key <paramref name="user"/> signed in with, or null for a console user.</summary>
    public static Guid? KeyIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user?.FindFirst(KeyIdClaim)?.Value, out var id) ? id : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var key = header["Bearer ".Length..].Trim();
        if (key.Length == 0) return AuthenticateResult.Fail("Empty API key.");

        var hash = ApiKeyHasher.Hash(key);
        await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
        // Looks the key up and touches LastUsedAt in one statement, bypassing the change tracker so the touch stays out of
        // the audit log. The touch writes only when the last one is a minute old: a client calling many times a second
        // would otherwise write a row version (and WAL) per request, for a column shown to the minute.
        var now = clock.GetUtcNow();
        var stale = now - LastUsedResolution;
        var apiKey = (await db.Database.SqlQuery<ApiKeyMatch>($"""
            WITH matched AS (
                SELECT id, name, role, last_used_at FROM api_keys WHERE key_hash = {hash} AND revoked_at IS NULL),
            touched AS (
                UPDATE api_keys SET last_used_at = {now}
                WHERE id = (SELECT id FROM matched) AND (last_used_at IS NULL OR last_used_at < {stale}))
            SELECT id AS "Id", name AS "Name", role AS "Role" FROM matched
            """).ToListAsync(Context.RequestAborted)).FirstOrDefault();
        if (apiKey is null) return AuthenticateResult.Fail("Unknown or revoked API key.");

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, $"apikey:{apiKey.Name}"), new Claim(ClaimTypes.Role, apiKey.Role), new Claim(KeyIdClaim, apiKey.Id.ToString())],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>How stale a key's recorded last use may get before a request writes it again.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private sealed record ApiKeyMatch(Guid Id, string Name, string Role);
}
