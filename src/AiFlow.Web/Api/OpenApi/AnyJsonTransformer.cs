using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// A <see cref="JsonNode"/> member (an IR, an input) holds any JSON value, so its schema is the empty one; but a nullable
/// member is written as <c>oneOf: [null, JsonNode]</c>, and an empty schema also matches null, so a null would match both
/// and fail the <c>oneOf</c>. Saying a JsonNode is never JSON null keeps nullable members valid for null and for values.
/// </summary>
internal sealed class AnyJsonTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type == typeof(JsonNode)) schema.Not = new OpenApiSchema { Type = JsonSchemaType.Null };
        return Task.CompletedTask;
    }
}
