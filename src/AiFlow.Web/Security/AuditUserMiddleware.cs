using AiFlow.Infrastructure.Auditing;

namespace AiFlow.Web.Security;

/// <summary>Makes the signed-in user (or API key) the author of every change made during the request.</summary>
public sealed class AuditUserMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var _ = AuditScope.Begin(context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null);
        await next(context);
    }
}
