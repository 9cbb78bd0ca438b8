namespace AiFlow.Infrastructure.GroundTruth;

/// <summary>
/// What one curation pass did: new examples, new versions of known ones, escalations, decisions that teach nothing
/// (rejects) and decided IR that fails its schema (flagged to an Admin, never curated).
/// </summary>
public sealed record CurationResult(int Created, int Superseded, int Escalated, int Skipped, int Flagged = 0)
{
    public int Total => Created + Superseded + Escalated + Skipped + Flagged;
}
