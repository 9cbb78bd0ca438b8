using System.Security.Cryptography;

namespace AiFlow.Web.Security;

/// <summary>
/// Headers every answer carries: no MIME sniffing (an uploaded or exported file is never run as script or style),
/// referrers only within the console (run and evaluation ids in URLs stay on the site), and a Content Security Policy
/// that admits what the console loads and nothing else (see <see cref="ContentSecurityPolicy"/>).
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "aiflow.csp-nonce";

    /// <summary>
    /// Scripts and workers from the console itself (blazor.web.js, MudBlazor, Monaco and its workers, the DAG island),
    /// plus the one inline script Blazor writes, the import map, by this answer's nonce. Styles allow inline because
    /// MudBlazor renders <c>style</c> attributes and Monaco and Blazor's reconnect dialog add style elements; images
    /// and fonts also from data: URLs (MudBlazor's and Monaco's CSS). The circuit's WebSocket is same-origin
    /// (<c>connect-src 'self'</c>). No frames, plugins, foreign forms or base URLs.
    /// </summary>
    public static string ContentSecurityPolicy(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "worker-src 'self' blob:; " +
        "frame-src 'none'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>This answer's CSP nonce, for the one inline script (the import map).</summary>
    public static string CspNonce(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items[NonceKey] is string nonce) return nonce;
        nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        return nonce;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            // Replaces Blazor's own "frame-ancestors 'self'" with the full policy (which forbids framing altogether).
            headers.ContentSecurityPolicy = ContentSecurityPolicy(context.CspNonce());
            return Task.CompletedTask;
        });
        await next(context);
    });
}
