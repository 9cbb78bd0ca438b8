namespace AiFlow.Web.Api.OpenApi;

/// <summary>What the API reference says about one route: a summary, its feature (tag), the JSON body it binds, the query parameters it reads and what it answers.</summary>
/// <param name="Body">The record the body binds to through <see cref="JsonBody"/>; null when the route reads no body.</param>
/// <param name="Response">The record a successful answer carries as JSON; null when it carries none (then <paramref name="Success"/> says the status, e.g. 204).</param>
/// <param name="Success">The status of a successful answer.</param>
/// <param name="Produces">The answer's media types when it is not JSON (a CSV export).</param>
public sealed record ApiOperation(string Tag, string Summary, Type? Body = null, bool BodyOptional = false, IReadOnlyList<QueryParameterMetadata>? Query = null,
    Type? Response = null, int Success = StatusCodes.Status200OK, IReadOnlyList<string>? Produces = null);
