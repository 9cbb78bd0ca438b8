using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Access;
using AiFlow.Domain.Evaluation;
using AiFlow.Domain.Runs;
using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Evaluation;
using AiFlow.Infrastructure.GroundTruth;
using AiFlow.Infrastructure.Identity;
using AiFlow.Infrastructure.Media.Storage;
using AiFlow.Infrastructure.Runs;
using AiFlow.Infrastructure.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Persistence;

/// <summary>Brings the database to the current schema and makes sure roles, the recovery admin and (in demo mode) demo data exist.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AiFlowDbContext> contexts,
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    IDataProtectionProvider protection,
    GroundTruthSchemaAudit groundTruthAudit,
    GroundTruthCurator curator,
    EvaluationService evaluations,
    IMediaStorage mediaStorage,
    RunLauncher launcher,
    IOptions<AiFlowOptions> options,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public static readonly (string Email, string Role)[] DemoUsers =
    [
        ("admin@aiflow.local", Roles.Admin),
        ("reviewer@aiflow.local", Roles.Reviewer),
        ("ops@aiflow.local", Roles.Ops),
    ];

    /// <summary>
    /// A migration may rewrite a large table or build an index: it runs without the statement timeout that bounds the
    /// app's queries (ADR 0021). RESET restores the connection's own setting before it goes back to the pool.
    /// </summary>
    private static async Task MigrateWithoutStatementTimeoutAsync(AiFlowDbContext db, CancellationToken cancellationToken)
    {
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("SET statement_timeout = 0", cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlRawAsync("RESET statement_timeout", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        using var _ = AuditScope.Begin("system:startup");
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await MigrateWithoutStatementTimeoutAsync(db, cancellationToken);
            // Before anything below signs a token with the ring.
            await SharedKeyRing.EnsureKeyAsync(db, protection, cancellationToken);
        }
        var invalidTruth = await groundTruthAudit.RunAsync(cancellationToken);
        if (invalidTruth > 0) logger.LogWarning("{Count} ground-truth versions fail their IR schema; they are marked and left out of exports until edited", invalidTruth);

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
        }

        var adminEmail = Environment.GetEnvironmentVariable("AIFLOW_ADMIN_EMAIL");
        var adminPassword = Environment.GetEnvironmentVariable("AIFLOW_ADMIN_PASSWORD");
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrEmpty(adminPassword))
        {
            await EnsureUserAsync(adminEmail, adminPassword, Roles.Admin);
            logger.LogInformation("Admin account {Email} ensured from AIFLOW_ADMIN_EMAIL", adminEmail);
        }

        if (!options.Value.DemoMode) return;

        foreach (var (email, role) in DemoUsers)
        {
            await EnsureUserAsync(email, options.Value.DemoPassword, role);
            logger.LogWarning("Demo sign-in ({Role}): {Email} / {Password}", role, email, options.Value.DemoPassword);
        }
        await EnsureDemoApiKeyAsync(cancellationToken);
        await using var seedDb = await contexts.CreateDbContextAsync(cancellationToken);
        await new DemoDataSeeder(seedDb, clock).SeedAsync(cancellationToken);
        await new DemoManualsSeeder(seedDb, clock).SeedAsync(cancellationToken);
        if (await new DemoMediaSeeder(seedDb, mediaStorage, clock).SeedAsync(cancellationToken) is { } mediaInput)
        {
            // A first media-dossier run, so the inspector shows media beside IRs on a fresh demo.
            var launched = await launcher.LaunchAsync(DemoMediaSeeder.PipelineKey, mediaInput, RunTrigger.Console, "seed", null, cancellationToken);
            if (launched.RunId is null) logger.LogWarning("Demo media-dossier run did not start: {Problem}", launched.Message);
        }
        if (await new DemoQualitySeeder(seedDb, clock).SeedAsync(cancellationToken))
        {
            // The reviewed decisions become ground truth and a dataset version now, and both classify versions are
            // evaluated on it as soon as a worker picks the jobs up: the demo opens with the loop closed.
            var curated = await curator.CurateAsync(cancellationToken);
            logger.LogInformation("Demo quality data: {Examples} ground-truth examples curated", curated.Created + curated.Superseded);
            foreach (var (version, baseline) in new (int, int?)[] { (1, null), (2, 1) })
            {
                var started = await evaluations.StartAsync(new EvaluationRequest(EvaluationTargetKind.Step, "classify", version, null, baseline, null, "seed"), cancellationToken);
                if (started.EvaluationId is null) logger.LogWarning("Demo evaluation of classify v{Version} did not start: {Problem}", version, started.Problem);
            }
        }
    }

    private async Task EnsureUserAsync(string email, string password, string role)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
            Check(await users.CreateAsync(user, password), email);
        }
        else
        {
            // Resetting the password is how ops recover access, so an existing account takes the configured one, which
            // is not a one-time password an Admin gave out in the console.
            user.MustChangePassword = false;
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, password), email);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        if (!await users.IsInRoleAsync(user, role)) Check(await users.AddToRoleAsync(user, role), email);
    }

    private async Task EnsureDemoApiKeyAsync(CancellationToken cancellationToken)
    {
        var key = Environment.GetEnvironmentVariable("AIFLOW_DEMO_API_KEY");
        if (string.IsNullOrWhiteSpace(key)) return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var hash = ApiKeyHasher.Hash(key);
        var existing = await db.ApiKeys.FirstOrDefaultAsync(k => k.Name == "demo", cancellationToken);
        if (existing is null)
        {
            db.ApiKeys.Add(new ApiKey { Name = "demo", KeyHash = hash, Prefix = ApiKeyHasher.Prefix(key), Role = Roles.Admin, CreatedBy = "system", CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            existing.KeyHash = hash;
            existing.Prefix = ApiKeyHasher.Prefix(key);
            existing.RevokedAt = null;
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not set up account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
