namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>
/// What a pipeline may be built from: step versions of kinds that run and metric profiles; <paramref name="NotRunnable"/>
/// names the published step versions left out because their kind cannot run, with the reason a node pinning one is refused.
/// </summary>
public sealed record AuthoringCatalog(IReadOnlyList<StepOption> Steps, IReadOnlyList<ProfileOption> Profiles, IReadOnlyDictionary<Guid, string>? NotRunnable = null)
{
    /// <summary>What the palette and the node panel offer: versions of steps that are not archived, plus <paramref name="pinned"/> (the node's own).</summary>
    public IReadOnlyList<StepOption> Offered(Guid? pinned = null) => Steps.Where(s => !s.Archived || s.StepVersionId == pinned).ToList();

    public StepOption? Step(Guid stepVersionId) => Steps.FirstOrDefault(s => s.StepVersionId == stepVersionId);

    public ProfileOption? Profile(Guid? id) => id is null ? null : Profiles.FirstOrDefault(p => p.Id == id);
}
