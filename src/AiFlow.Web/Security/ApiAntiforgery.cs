using Microsoft.AspNetCore.Antiforgery;

namespace AiFlow.Web.Security;

/// <summary>
/// <c>/api</c> is for Bearer keys. A request that changes something and authenticates with the sign-in cookie instead
/// must carry an antiforgery token in the <see cref="HeaderName"/> header, which a page on another origin cannot read or
/// send: a cross-origin <c>text/plain</c> POST rides on the cookie but starts nothing. Reads (GET, HEAD) keep working
/// with the cookie, for the console's download links; other origins cannot read their answers.
/// </summary>
public static class ApiAntiforgery
{
    public const string HeaderName = "X-XSRF-TOKEN";

    public static IApplicationBuilder UseApiAntiforgery(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.Use(async (http, next) =>
        {
            if (RidesOnCookie(http) && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "A signed-in browser request to /api needs an antiforgery token.",
                        detail: $"Send the token in the {HeaderName} header, or call the API with an API key (Authorization: Bearer).")
                    .ExecuteAsync(http);
                return;
            }

            await next(http);
        }));

    private static bool RidesOnCookie(HttpContext http) =>
        !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method)
        && http.User.Identity?.IsAuthenticated == true
        && http.User.Identity.AuthenticationType != ApiKeyAuthenticationHandler.SchemeName;
}
