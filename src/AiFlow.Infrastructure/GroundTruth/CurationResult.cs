namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>What one curation pass did: new examples, new versions of known ones, escalations and decisions that teach nothing (rejects).</summary>
public sealed record CurationResult(int Created, int Superseded, int Escalated, int Skipped)
{
    public int Total => Created + Superseded + Escalated + Skipped;
}
