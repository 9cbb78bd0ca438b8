namespace AiFlow.Web.Features.Endpoints;

/// <summary>The saved endpoint's id, or the problems per field that kept it from being saved.</summary>
public sealed record EndpointSaveResult(Guid? Id, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool Saved => Id is not null;
}
