namespace AiFlow.Web.Security;

/// <summary>
/// Headers every answer carries: no MIME sniffing (an uploaded or exported file is never run as script or style), and
/// referrers only within the console (run and evaluation ids in URLs stay on the site). Blazor sets the CSP's
/// frame-ancestors itself; a full CSP is left for when the console's inline styles and Monaco's workers are accounted for.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
