using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// A query parameter a route reads itself (through <see cref="ApiQuery"/>, so the framework cannot see it), declared on
/// the endpoint so the OpenAPI document lists it.
/// </summary>
public sealed record QueryParameterMetadata(string Name, JsonSchemaType Type, string Description, string? Format = null, IReadOnlyList<string>? Values = null);
