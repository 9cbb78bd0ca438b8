namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>A result column: its name and PostgreSQL type name.</summary>
public sealed record SqlColumn(string Name, string Type);
