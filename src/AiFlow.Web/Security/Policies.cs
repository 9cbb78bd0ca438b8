using AiFlow.Domain.Access;

namespace AiFlow.Web.Security;

/// <summary>
/// The named authorization policies, one per set of roles; every route and page names one of these (see
/// <see cref="AccessTable"/>), so a route's access can be read and compared by name.
/// </summary>
public static class Policies
{
    public const string AdminOnly = "admin-only";
    public const string AdminOps = "admin-ops";
    public const string AdminReviewer = "admin-reviewer";
    public const string AnyRole = "any-role";

    /// <summary>Prometheus' <c>/metrics</c>: an Admin or Ops key or cookie, or the configured scrape token.</summary>
    public const string MetricsScrape = "metrics-scrape";

    /// <summary>The roles each policy admits; HostingExtensions registers every policy from here.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesOf = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [AdminOnly] = [Roles.Admin],
        [AdminOps] = [Roles.Admin, Roles.Ops],
        [AdminReviewer] = [Roles.Admin, Roles.Reviewer],
        [AnyRole] = Roles.All,
        [MetricsScrape] = [Roles.Admin, Roles.Ops, ScrapeTokenAuthenticationHandler.Role],
    };
}
