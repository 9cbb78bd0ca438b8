namespace AiFlow.Web.Api.OpenApi;

/// <summary>What the API reference says about one route: a summary, its feature (tag), the JSON body it binds and the query parameters it reads.</summary>
/// <param name="Body">The record the body binds to through <see cref="JsonBody"/>; null when the route reads no body.</param>
public sealed record ApiOperation(string Tag, string Summary, Type? Body = null, bool BodyOptional = false, IReadOnlyList<QueryParameterMetadata>? Query = null);
