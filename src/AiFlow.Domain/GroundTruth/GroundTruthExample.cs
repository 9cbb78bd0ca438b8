using AiFlow.Domain.Common;

namespace AiFlow.Domain.GroundTruth;

/// <summary>
/// A curated example keyed by scope and reference (the SHA-256 of its canonical input); its content lives in versions.
/// Tags (e.g. <c>smoke</c>, <c>regression</c>) let evaluations and gates pick cases.
/// </summary>
public class GroundTruthExample : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public GroundTruthScope Scope { get; set; }
    public Guid ScopeId { get; set; }
    public string Reference { get; set; } = "";
    public int CurrentVersionNumber { get; set; }
    public bool IsRetired { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
    public List<GroundTruthVersion> Versions { get; set; } = [];
}
