namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// SQL that a model wrote for a sql_query step and that ran successfully, reused for the same question (seed 003:
/// "cache successful query templates by a hash of the prompt and schema version"). The question itself is not kept,
/// only its hash: a rendered prompt carries the run's input, which may be personal data (ADR 0024).
/// </summary>
public class SqlQueryCacheEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid StepVersionId { get; set; }
    /// <summary>SHA-256 of the declared views' DDL as the step gave it to the prompt: a changed view misses the cache.</summary>
    public string SchemaHash { get; set; } = "";
    /// <summary>SHA-256 of the prompt version, its A/B variant and the normalised rendered question.</summary>
    public string QuestionHash { get; set; } = "";
    public string Sql { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public int Hits { get; set; }
    public DateTimeOffset? LastHitAt { get; set; }
}
