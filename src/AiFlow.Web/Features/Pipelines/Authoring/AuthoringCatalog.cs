namespace AiFlow.Web.Features.Pipelines.Authoring;

/// <summary>What a pipeline may be built from: step versions and metric profiles.</summary>
public sealed record AuthoringCatalog(IReadOnlyList<StepOption> Steps, IReadOnlyList<ProfileOption> Profiles)
{
    public StepOption? Step(Guid stepVersionId) => Steps.FirstOrDefault(s => s.StepVersionId == stepVersionId);

    public ProfileOption? Profile(Guid? id) => id is null ? null : Profiles.FirstOrDefault(p => p.Id == id);
}
