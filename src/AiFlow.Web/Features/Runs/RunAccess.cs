using System.Security.Claims;
using AiFlow.Domain.Access;

namespace AiFlow.Web.Features.Runs;

/// <summary>Who may act on runs (start, cancel, retry, replay): checked in every handler, not only by hiding buttons.</summary>
public static class RunAccess
{
    public static bool CanOperate(ClaimsPrincipal user) => user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Ops);
}
