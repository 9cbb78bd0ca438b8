using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>Writes each route's declared <see cref="QueryParameterMetadata"/> into its operation.</summary>
internal sealed class QueryParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var query in context.Description.ActionDescriptor.EndpointMetadata.OfType<QueryParameterMetadata>())
        {
            operation.Parameters ??= [];
            if (operation.Parameters.Any(p => p.Name == query.Name && p.In == ParameterLocation.Query)) continue;
            var schema = new OpenApiSchema { Type = query.Type, Format = query.Format };
            if (query.Values is { Count: > 0 } values) schema.Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
            operation.Parameters.Add(new OpenApiParameter { Name = query.Name, In = ParameterLocation.Query, Description = query.Description, Schema = schema });
        }
        return Task.CompletedTask;
    }
}
