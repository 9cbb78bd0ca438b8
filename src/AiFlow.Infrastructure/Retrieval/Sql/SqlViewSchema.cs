namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>The declared views as the prompt shows them (CREATE VIEW lines with columns and types) and a hash of that text.</summary>
public sealed record SqlViewSchema(IReadOnlyList<string> Views, string Ddl, string Hash);
