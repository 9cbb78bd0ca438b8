using System.Security.Cryptography.X509Certificates;
using AiFlow.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Infrastructure.Identity;

/// <summary>
/// One data-protection key ring for every node, kept in PostgreSQL (data_protection_keys): a sign-in cookie or an
/// antiforgery token issued by one console node is read by the others behind a load balancer. With a certificate the
/// keys are stored encrypted with it, so reading the database is not enough to forge cookies or read stored secrets.
/// </summary>
public static class SharedKeyRing
{
    public const string ApplicationName = "AiFlow";

    // Any fixed number: the advisory lock that lets one starting node at a time make the first key.
    private const long LockKey = 0x4169_466C_6F77_4450;

    /// <param name="certificate">Encrypts new keys; null leaves them in plain XML (development and tests only).</param>
    /// <param name="previous">Certificates of earlier rotations, to read keys they encrypted.</param>
    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, X509Certificate2? certificate = null,
        IReadOnlyList<X509Certificate2>? previous = null)
    {
        var protection = services.AddDataProtection()
            // The default name is the content root, which differs between nodes installed in different folders.
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<AiFlowDbContext>();
        if (certificate is not null) protection.ProtectKeysWithCertificate(certificate);
        if (previous is { Count: > 0 }) protection.UnprotectKeysWithAnyCertificate([.. previous]);
        return services;
    }

    /// <summary>
    /// Makes sure the ring has a key before the node serves anyone. Nodes meeting an empty ring at the same moment
    /// would each make a first key and could refuse each other's cookies until their rings are next read.
    /// </summary>
    public static async Task EnsureKeyAsync(AiFlowDbContext db, IDataProtectionProvider protection, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        // Protecting anything reads the ring from the database and, if it holds no usable key, adds one.
        protection.CreateProtector("AiFlow.KeyRing").Protect([1]);
        await transaction.CommitAsync(cancellationToken);
    }
}
