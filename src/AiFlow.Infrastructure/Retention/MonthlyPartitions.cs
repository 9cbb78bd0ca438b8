using System.Globalization;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AiFlow.Infrastructure.Retention;

/// <summary>
/// The monthly partitions of a table partitioned by range on <c>created_at</c> (ADR 0038): one per UTC month, named
/// <c>{table}_yYYYYmMM</c>, plus a default partition that catches rows of months without one (back-dated rows, rows
/// a purge had to keep, or a job that has not run for months). The retention job creates the coming months ahead,
/// takes rows out of the default partition into a month of their own, and drops months that are wholly past the TTL.
/// </summary>
public abstract class MonthlyPartitions(IDbContextFactory<AiFlowDbContext> contexts, ILogger logger, string table)
{
    /// <summary>Months created ahead of the current one, so inserts never wait for the job.</summary>
    public const int MonthsAhead = 2;

    /// <summary>Partition changes lock the parent table briefly; give up rather than queue behind a long reader.</summary>
    private const string LockTimeout = "SET LOCAL lock_timeout = '5s'";

    public string Table { get; } = table;

    public string DefaultPartition => Table + "_default";

    public static DateTime MonthOf(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public string NameOf(DateTime month) => string.Create(CultureInfo.InvariantCulture, $"{Table}_y{month:yyyy}m{month:MM}");

    /// <summary>
    /// The statements that take one month's partition away inside the dropping transaction; the partition's name is
    /// their one argument. Names are made from a DateTime here, never from input, so they are spliced in (DDL takes no parameters).
    /// </summary>
    protected abstract IEnumerable<string> DropStatements(string partition);

    /// <summary>One row of bigint counts of what dropping the partition removes, read in the same transaction before it goes.</summary>
    protected abstract string CountDropped(string partition);

    /// <summary>The months that have a partition, oldest first.</summary>
    public async Task<IReadOnlyList<DateTime>> MonthsAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var names = await db.Database.SqlQueryRaw<string>("""
            SELECT c.relname AS "Value" FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
            WHERE p.relname = {0}
            """, Table).ToListAsync(cancellationToken);
        return [.. names.Select(ParseMonth).OfType<DateTime>().Order()];
    }

    private DateTime? ParseMonth(string name) =>
        DateTime.TryParseExact(name, $"'{Table}_y'yyyy'm'MM", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var month) ? month : null;

    /// <summary>
    /// Creates this month and <see cref="MonthsAhead"/> more, and a month for rows waiting in the default partition,
    /// except months that end before <paramref name="notBefore"/> (their rows are about to be purged, or were kept by one).
    /// </summary>
    /// <returns>How many partitions were created.</returns>
    public async Task<int> EnsureAsync(DateTimeOffset now, DateTimeOffset? notBefore, CancellationToken cancellationToken)
    {
        var existing = (await MonthsAsync(cancellationToken)).ToHashSet();
        var wanted = Enumerable.Range(0, MonthsAhead + 1).Select(i => MonthOf(now).AddMonths(i)).ToHashSet();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            // The table's name is this class's own, never input.
            var sql = $"SELECT DISTINCT date_trunc('month', created_at, 'UTC') AS \"Value\" FROM {DefaultPartition}";
            var waiting = await db.Database.SqlQueryRaw<DateTimeOffset>(sql).ToListAsync(cancellationToken);
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
        logger.LogInformation("Created partition {Partition}", name);
    }

    /// <summary>Drops the months that end at or before <paramref name="cutoff"/>, each in a transaction of its own.</summary>
    /// <returns>The partitions dropped and, added up over them, the counts <see cref="CountDropped"/> reads.</returns>
    public async Task<(int Partitions, long[] Counts)> DropBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var (partitions, counts) = (0, Array.Empty<long>());
        foreach (var month in (await MonthsAsync(cancellationToken)).Where(m => m.AddMonths(1) <= cutoff.UtcDateTime))
        {
            var name = NameOf(month);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync(LockTimeout, cancellationToken);
                var held = await CountAsync(db, CountDropped(name), cancellationToken);
                foreach (var sql in DropStatements(name)) await db.Database.ExecuteSqlRawAsync(sql, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                counts = counts.Length == 0 ? held : [.. counts.Zip(held, (a, b) => a + b)];
                partitions++;
                logger.LogInformation("Dropped partition {Partition} ({Counts})", name, string.Join(", ", held));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                // A long reader holds the table: the next run drops it; meanwhile its rows are purged in batches.
                logger.LogWarning("Partition {Partition} was busy; left for the next run", name);
            }
        }
        return (partitions, counts);
    }

    private static async Task<long[]> CountAsync(AiFlowDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64)];
    }

    private static string Literal(DateTime month) => month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
}
