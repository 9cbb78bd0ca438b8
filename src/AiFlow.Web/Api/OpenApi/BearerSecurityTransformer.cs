using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AiFlow.Web.Api.OpenApi;

/// <summary>
/// The document's title and the one scheme a client system uses: an API key sent as <c>Authorization: Bearer</c>
/// (browsers use the sign-in cookie, which a generated client has no use for).
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeName = "apiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "AiFlow API",
            Version = "v1",
            Description = "Start and watch pipeline runs, review and curate outputs, manage versions, evaluations and the release gate. "
                + "Authenticate with an API key (Admin → API keys) as `Authorization: Bearer <key>`. Errors are RFC 9457 problem details; "
                + "a bad field is named by its JSON pointer in `pointer`, a bad query parameter in `parameter`.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An AiFlow API key; its role decides what it may call.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
