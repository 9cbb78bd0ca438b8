namespace AiFlow.Web.Features.Endpoints;

/// <summary>The saved endpoint's id, or the problems per field that kept it from being saved.</summary>
public sealed record EndpointSaveResult(Guid? Id, IReadOnlyDictionary<string, string[]> Problems)
{
    public bool Saved => Id is not null;

    /// <summary>A 400 with every problem by field, and the first field's JSON pointer in <c>pointer</c>.</summary>
    public IResult ToProblem() => Results.ValidationProblem(Problems,
        extensions: new Dictionary<string, object?> { ["pointer"] = "/" + Problems.Keys.Order(StringComparer.Ordinal).FirstOrDefault() });
}
