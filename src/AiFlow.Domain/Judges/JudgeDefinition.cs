using AiFlow.Domain.Common;

namespace AiFlow.Domain.Judges;

/// <summary>
/// An LLM judge by key; what it asks and which model answers live in its numbered, immutable <see cref="JudgeVersion"/>s.
/// A metric names the judge by key (function <c>judge</c>, parameter <c>judge</c>) and is scored by its current version.
/// </summary>
public class JudgeDefinition : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>The number of the version that scores from now on: the newest.</summary>
    public int CurrentVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
}
