using System.Globalization;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The monthly partitions of <c>ai_request_logs</c> (ADR 0038): one per UTC month, named <c>ai_request_logs_yYYYYmMM</c>,
/// plus a default partition that catches rows of months without one (back-dated rows, or a job that has not run for
/// months). The retention job creates the coming months ahead, takes rows out of the default partition into a month of
/// their own, and drops months that are wholly past the TTL.
/// </summary>
public sealed class RequestLogPartitions(IDbContextFactory<AiFlowDbContext> contexts, ILogger<RequestLogPartitions> logger)
{
    public const string Table = "ai_request_logs";
    public const string DefaultPartition = "ai_request_logs_default";

    /// <summary>Months created ahead of the current one, so inserts never wait for the job.</summary>
    public const int MonthsAhead = 2;

    /// <summary>Partition changes lock the parent table briefly; give up rather than queue behind a long reader.</summary>
    private const string LockTimeout = "SET LOCAL lock_timeout = '5s'";

    public static DateTime MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string NameOf(DateTime month) => string.Create(CultureInfo.InvariantCulture, $"{Table}_y{month:yyyy}m{month:MM}");

    /// <summary>The months that have a partition, oldest first.</summary>
    public async Task<IReadOnlyList<DateTime>> MonthsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname AS "Value" FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = 'ai_request_logs'
            """).ToListAsync(cancellationToken);
        return [.. names.Select(ParseMonth).OfType<DateTime>().Order()];
    }

    private static DateTime? ParseMonth(string name) =>
        DateTime.TryParseExact(name, $"'{Table}_y'yyyy'm'MM", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month) ? month : null;

    /// <summary>
    /// Creates this month and <see cref="MonthsAhead"/> more, and a month for rows waiting in the default partition,
    /// except months that end before <paramref name="notBefore"/> (their rows are about to be purged anyway).
    /// </summary>
    /// <returns>How many partitions were created.</returns>
    public async Task<int> EnsureAsync(DateTimeOffset now, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var existing = (await MonthsAsync(cancellationToken)).ToHashSet();
        var wanted = Enumerable.Range(0, MonthsAhead + 1).Select(i => MonthOf(now).AddMonths(i)).ToHashSet();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var waiting = await db.Database.SqlQueryRaw<DateTimeOffset>(
                $"SELECT DISTINCT date_trunc('month', created_at, 'UTC') AS \"Value\" FROM {DefaultPartition}").ToListAsync(cancellationToken);
            wanted.UnionWith(waiting.Select(MonthOf).Where(m => notBefore is not { } floor || m.AddMonths(1) > floor));
        }
        var created = 0;
        foreach (var month in wanted.Except(existing).Order())
        {
            await CreateAsync(month, cancellationToken);
            created++;
        }
        return created;
    }

    /// <summary>
    /// Creates one month's partition. It is built beside the table, filled with that month's rows from the default
    /// partition, then attached, all in one transaction: PostgreSQL refuses a new partition while the default one
    /// holds rows of its range.
    /// </summary>
    public async Task CreateAsync(DateTime month, CancellationToken cancellationToken)
    {
        var name = NameOf(month);
        var (from, to) = (Literal(month), Literal(month.AddMonths(1)));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(LockTimeout, cancellationToken);
        // Names and bounds are made from a DateTime here, never from input, so they are spliced in (DDL takes no parameters).
        string[] statements =
        [
            $"CREATE TABLE {name} (LIKE {Table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)",
            $"""
            WITH moved AS (DELETE FROM {DefaultPartition} WHERE created_at >= '{from}' AND created_at < '{to}' RETURNING *)
            INSERT INTO {name} SELECT * FROM moved
            """,
            $"ALTER TABLE {Table} ATTACH PARTITION {name} FOR VALUES FROM ('{from}') TO ('{to}')",
        ];
        foreach (var sql in statements) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Created request-log partition {Partition}", name);
    }

    /// <summary>Drops the months that end at or before <paramref name="cutoff"/>.</summary>
    /// <returns>The partitions dropped and the rows they held.</returns>
    public async Task<(int Partitions, long Rows)> DropBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var (partitions, rows) = (0, 0L);
        foreach (var month in (await MonthsAsync(cancellationToken)).Where(m => m.AddMonths(1) <= cutoff.UtcDateTime))
        {
            var name = NameOf(month);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync(LockTimeout, cancellationToken);
                // Counted inside the transaction that drops it, so the figure is what was dropped.
                var (count, drop) = ($"SELECT count(*) AS \"Value\" FROM {name}", $"DROP TABLE {name}");
                var held = (await db.Database.SqlQueryRaw<long>(count).ToListAsync(cancellationToken)).Single();
                await db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                (partitions, rows) = (partitions + 1, rows + held);
                logger.LogInformation("Dropped request-log partition {Partition} ({Rows} rows)", name, held);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // A long reader holds the table: the next run drops it; meanwhile its rows are deleted in batches.
                logger.LogWarning("Request-log partition {Partition} was busy; left for the next run", name);
            }
        }
        return (partitions, rows);
    }

    private static string Literal(DateTime month) => month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
}
