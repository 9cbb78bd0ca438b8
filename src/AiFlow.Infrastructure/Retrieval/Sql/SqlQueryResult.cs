using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>What a query returned: at most the row limit, and whether more rows were there.</summary>
public sealed record SqlQueryResult(IReadOnlyList<SqlColumn> Columns, JsonArray Rows, bool Truncated)
{
    public int RowCount => Rows.Count;
}
