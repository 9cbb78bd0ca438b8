using System.Security.Cryptography;
using System.Text;
using AiFlow.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>
/// Reads the declared views' columns from the catalog and checks that the reader role may select from each: a step can
/// only declare views a migration granted, so declaring a table, or a view nobody granted, fails before any model call.
/// </summary>
public sealed class SqlViewCatalog(IDbContextFactory<AiFlowDbContext> contexts)
{
    private const string ColumnsSql = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
               has_table_privilege(@role, c.oid, 'SELECT')
        FROM pg_class c
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('v', 'm') AND c.relname = ANY(@names)
        ORDER BY c.relname, a.attnum
        """;

    public async Task<SqlViewSchema> DescribeAsync(IReadOnlyList<string> views, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using (var role = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = @role)", connection))
        {
            role.Parameters.AddWithValue("role", SqlReaderRole.Name);
            if (!(bool)(await role.ExecuteScalarAsync(cancellationToken))!)
            {
                throw new SqlQueryFailedException($"The SQL reader role {SqlReaderRole.Name} does not exist: an administrator creates it (ADR 0026).");
            }
        }
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var granted = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(ColumnsSql, connection))
        {
            command.Parameters.AddWithValue("role", SqlReaderRole.Name);
            command.Parameters.AddWithValue("names", views.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var view = reader.GetString(0);
                if (!columns.TryGetValue(view, out var list)) columns[view] = list = [];
                list.Add($"{reader.GetString(1)} {reader.GetString(2)}");
                granted[view] = reader.GetBoolean(3);
            }
        }
        foreach (var view in views)
        {
            if (!columns.ContainsKey(view)) throw new SqlQueryFailedException($"View {view} does not exist: a sql_query step may only declare views.");
            if (!granted[view]) throw new SqlQueryFailedException($"View {view} is not granted to the SQL reader role {SqlReaderRole.Name}: a migration grants the views a step may read.");
        }
        var ddl = new StringBuilder();
        foreach (var view in views)
        {
            ddl.Append("CREATE VIEW ").Append(view).Append(" (\n    ").AppendJoin(",\n    ", columns[view]).Append("\n);\n");
        }
        var text = ddl.ToString();
        return new SqlViewSchema(views, text, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }
}
