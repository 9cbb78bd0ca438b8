using AiFlow.Domain.Common;

namespace AiFlow.Domain.GroundTruth;

/// <summary>A curated example keyed by scope and reference (e.g. a hash of the input); its content lives in versions.</summary>
public class GroundTruthExample : IAudited
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public GroundTruthScope Scope { get; set; }
    public Guid ScopeId { get; set; }
    public string Reference { get; set; } = "";
    public int CurrentVersionNumber { get; set; }
    public bool IsRetired { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
    public List<GroundTruthVersion> Versions { get; set; } = [];
}
