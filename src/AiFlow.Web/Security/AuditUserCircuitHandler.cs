using AiFlow.Infrastructure.Auditing;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AiFlow.Web.Security;

/// <summary>Inside a Blazor circuit there is no HTTP request: each inbound event runs as the circuit's user.</summary>
public sealed class AuditUserCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next)
    {
        return async context =>
        {
            var state = await authentication.GetAuthenticationStateAsync();
            using var _ = AuditScope.Begin(state.User.Identity?.IsAuthenticated == true ? state.User.Identity.Name : null);
            await next(context);
        };
    }
}
