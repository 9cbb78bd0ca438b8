using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>The route key (as <see cref="ApiOperations"/> names it) whose <see cref="ApiExamples"/> entry is this route's request example.</summary>
internal sealed record RequestExampleMetadata(string Route);

/// <summary>Writes <see cref="ApiExamples"/> into the JSON request body of the routes that have one.</summary>
internal sealed class RequestExampleTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var route = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestExampleMetadata>().FirstOrDefault()?.Route;
        if (route is null || ApiExamples.For(route) is not { } example) return Task.CompletedTask;
        if (operation.RequestBody?.Content is { } content && content.TryGetValue("application/json", out var json)) json.Example = example;
        return Task.CompletedTask;
    }
}
