namespace AiFlow.Domain.Common;

/// <summary>Marks an entity people edit: its changes are audited and its saves are checked for concurrency.</summary>
public interface IAudited
{
    Guid Id { get; }

    /// <summary>Row version (PostgreSQL xmin): a stale save raises a concurrency error.</summary>
    uint Version { get; }
}
