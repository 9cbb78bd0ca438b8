namespace AiFlow.Domain.Metrics;

/// <summary>
/// A catalogue entry whose every save is an immutable numbered version (1, 2, …) kept in a history table; <see cref="Number"/>
/// is the current one, which an update must carry so that a save over someone else's is refused.
/// </summary>
public interface INumberedVersions
{
    int Number { get; set; }
}
