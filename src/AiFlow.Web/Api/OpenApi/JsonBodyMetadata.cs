using Microsoft.AspNetCore.Http.Metadata;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>The JSON record a route binds its body to, told to the OpenAPI document as an accepted request body.</summary>
internal sealed class JsonBodyMetadata(Type requestType, bool optional) : IAcceptsMetadata
{
    public IReadOnlyList<string> ContentTypes { get; } = ["application/json"];
    public Type? RequestType { get; } = requestType;
    public bool IsOptional { get; } = optional;
}
