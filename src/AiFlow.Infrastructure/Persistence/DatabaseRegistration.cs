using AiFlow.Infrastructure.Auditing;
using AiFlow.Infrastructure.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFlow.Infrastructure.Persistence;

/// <summary>How every AiFlow process (console, worker, benches) reaches its database.</summary>
public static class DatabaseRegistration
{
    /// <summary>
    /// Pooled contexts behind <see cref="IDbContextFactory{TContext}"/>, one per operation (Blazor Server circuits
    /// outlive any unit of work). Pooling matters: a new context builds its own set of internal services, which cost
    /// more CPU than a claim or a step commit does (ADR 0014). A disposed context goes back to the pool with its change
    /// tracker, transaction settings and command timeout reset. Code that asks for the context itself (Identity's
    /// stores, the data-protection key ring) gets a pooled one for its scope.
    /// </summary>
    public static IServiceCollection AddAiFlowDatabase(this IServiceCollection services, string connectionString)
    {
        // Nothing here keeps session state on a pooled connection (SET LOCAL only; LISTEN has an unpooled connection of its
        // own), so the DISCARD ALL Npgsql would send on each reuse is a wasted transaction per query; statements that
        // recur (the engine's, Quartz's) are prepared once per connection instead of parsed and planned each time (ADR 0013).
        var tuned = Tune(connectionString);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuditingInterceptor>();
        services.AddAiFlowPrivacy();
        // Redaction first, so the audit trail records the redacted values too.
        // A failed save or statement is logged where it is handled: a write race answered 409 (or a claim retried, a step
        // fenced) is not an error, and one nobody handles reaches the request's exception handler (or the job's), which
        // logs it with its stack. EF's own lines for it ("An exception occurred in the database while saving changes",
        // "Failed executing DbCommand"), at Error before anyone could handle it, said "error" for every refused duplicate.
        services.AddPooledDbContextFactory<AiFlowDbContext>((sp, options) => options
            .UseNpgsql(tuned, npgsql => npgsql.UseVector())
            .ConfigureWarnings(w => w.Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug)))
            .AddInterceptors(sp.GetRequiredService<PiiAtRestInterceptor>(), sp.GetRequiredService<AuditingInterceptor>()));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<AiFlowDbContext>>().CreateDbContext());
        return services;
    }

    /// <summary>
    /// The connection string with PostgreSQL's <c>statement_timeout</c> set for every session it opens (ADR 0021), and
    /// Npgsql's client-side command timeout a little longer, so that the server's clear "canceling statement due to
    /// statement timeout" (57014) arrives first. Zero seconds leaves the string as it is.
    /// </summary>
    public static string WithStatementTimeout(string connectionString, int seconds)
    {
        if (seconds <= 0) return connectionString;
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var setting = $"-c statement_timeout={seconds * 1000}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : $"{builder.Options} {setting}";
        builder.CommandTimeout = Math.Max(builder.CommandTimeout, seconds + 5);
        return builder.ConnectionString;
    }

    /// <summary>The connection string as AiFlow uses it; see <see cref="AddAiFlowDatabase"/>.</summary>
    public static string Tune(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64 }.ConnectionString;
}
