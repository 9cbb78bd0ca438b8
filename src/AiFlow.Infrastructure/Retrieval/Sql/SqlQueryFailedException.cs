namespace AiFlow.Infrastructure.Retrieval.Sql;

/// <summary>PostgreSQL refused or stopped a query (permission, read-only transaction, timeout...); the message says which, readably.</summary>
public sealed class SqlQueryFailedException(string message, Exception? inner = null) : Exception(message, inner);
