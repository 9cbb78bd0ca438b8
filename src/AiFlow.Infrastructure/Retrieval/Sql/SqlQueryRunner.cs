using System.Globalization;
using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>
/// Runs a statement the guard accepted, with the second line of defence around it (ADR 0026): a read-only transaction,
/// the <see cref="SqlReaderRole"/> (SELECT on the declared views alone), a statement timeout and a row limit; then rolls
/// back. Nothing here trusts the guard: a write, a table outside the views or a sleep fails here too.
/// </summary>
public sealed class SqlQueryRunner(IDbContextFactory<AiFlowDbContext> contexts)
{
    public async Task<SqlQueryResult> RunAsync(string statement, int maxRows, int timeoutMs, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeoutMs, 1);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // SET LOCAL: everything ends with the transaction, so the pooled connection goes back as it came. Standard strings
            // pinned on, because SqlLexer reads backslashes that way: the guard and the server must see the same tokens.
            var timeout = timeoutMs.ToString(CultureInfo.InvariantCulture);
            var settings = $"""
                SET TRANSACTION READ ONLY;
                SET LOCAL ROLE {SqlReaderRole.Name};
                SET LOCAL standard_conforming_strings = on;
                SET LOCAL statement_timeout = {timeout};
                SET LOCAL lock_timeout = {timeout}
                """;
            await using (var setup = new NpgsqlCommand(settings, connection, transaction))
            {
                await setup.ExecuteNonQueryAsync(cancellationToken);
            }
            // The limit goes into the query, so PostgreSQL stops producing rows; wrapping it also turns anything that is not
            // one SELECT into a syntax error.
            var limited = $"SELECT * FROM (\n{statement}\n) AS model_query LIMIT {(maxRows + 1).ToString(CultureInfo.InvariantCulture)}";
            await using var command = new NpgsqlCommand(limited, connection, transaction) { CommandTimeout = timeoutMs / 1000 + 5 };
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(i => new SqlColumn(reader.GetName(i), reader.GetDataTypeName(i))).ToList();
            var rows = new JsonArray();
            var truncated = false;
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.Count == maxRows) { truncated = true; break; }
                var row = new JsonArray();
                for (var i = 0; i < reader.FieldCount; i++) row.Add(SqlValues.ToJson(reader.GetValue(i)));
                rows.Add(row);
            }
            return new SqlQueryResult(columns, rows, truncated);
        }
        catch (PostgresException ex)
        {
            throw new SqlQueryFailedException(Describe(ex, timeoutMs), ex);
        }
        finally
        {
            // Never commit: a read-only transaction has nothing to keep, and rolling back ends SET LOCAL ROLE.
            await transaction.RollbackAsync(CancellationToken.None);
        }
    }

    private static string Describe(PostgresException ex, int timeoutMs) => ex.SqlState switch
    {
        PostgresErrorCodes.QueryCanceled => $"The query ran longer than its {timeoutMs} ms limit and was cancelled.",
        PostgresErrorCodes.InsufficientPrivilege when ex.MessageText.Contains("set role", StringComparison.OrdinalIgnoreCase) =>
            $"The app's database user may not SET ROLE {SqlReaderRole.Name}: an administrator grants it (ADR 0026).",
        PostgresErrorCodes.InsufficientPrivilege => $"The query needs more than the SQL reader role may do: {ex.MessageText}.",
        PostgresErrorCodes.ReadOnlySqlTransaction => $"The query tried to write in a read-only transaction: {ex.MessageText}.",
        PostgresErrorCodes.InvalidParameterValue when ex.MessageText.Contains(SqlReaderRole.Name, StringComparison.Ordinal) =>
            $"The SQL reader role {SqlReaderRole.Name} does not exist: an administrator creates it (ADR 0026).",
        _ => $"PostgreSQL refused the query: {ex.MessageText}" + (ex.Position > 0 ? $" (at character {ex.Position})" : "") + ".",
    };
}
