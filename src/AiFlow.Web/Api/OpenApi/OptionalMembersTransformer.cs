using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// A record's nullable members may be left out of a body (the binder reads a missing member as null), so they are not
/// "required" in the schema, whatever the positional constructor suggests; generated clients would otherwise insist on them.
/// </summary>
internal sealed class OptionalMembersTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Required is not { Count: > 0 } required) return Task.CompletedTask;
        foreach (var property in context.JsonTypeInfo.Properties)
        {
            if (property.IsSetNullable || Nullable.GetUnderlyingType(property.PropertyType) is not null) required.Remove(property.Name);
        }
        return Task.CompletedTask;
    }
}
