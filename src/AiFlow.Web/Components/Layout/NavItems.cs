using AiFlow.Domain.Access;
using MudBlazor;

namespace AiFlow.Web.Components.Layout;

/// <summary>The console's sections and who may open each: the navigation shows only what the page itself would allow.</summary>
public static class NavItems
{
    public sealed record Item(string Key, string Title, string Href, string Roles, string Icon);

    public const string AdminOps = Domain.Access.Roles.Admin + "," + Domain.Access.Roles.Ops;
    public const string AdminReviewer = Domain.Access.Roles.Admin + "," + Domain.Access.Roles.Reviewer;
    public const string AdminOnly = Domain.Access.Roles.Admin;

    public static readonly Item[] All =
    [
        new("pipelines", "Pipelines", "/pipelines", AdminOps, Icons.Material.Filled.AccountTree),
        new("steps", "Steps", "/steps", AdminOps, Icons.Material.Filled.Extension),
        new("prompts", "Prompts", "/prompts", AdminOps, Icons.Material.Filled.Notes),
        new("ir-schemas", "IR Schemas", "/ir-schemas", AdminOps, Icons.Material.Filled.DataObject),
        new("runs", "Runs", "/runs", AdminOps, Icons.Material.Filled.PlayCircle),
        new("review", "Review", "/review", AdminReviewer, Icons.Material.Filled.RateReview),
        new("ground-truth", "Ground truth", "/ground-truth", AdminReviewer, Icons.Material.Filled.Verified),
        new("metrics", "Metrics", "/metric-catalog", AdminOps, Icons.Material.Filled.Straighten),
        new("evaluations", "Evaluations", "/evaluations", AdminOps, Icons.Material.Filled.Assessment),
        new("endpoints", "Endpoints", "/endpoints", AdminOps, Icons.Material.Filled.Dns),
        new("dashboards", "Dashboards", "/dashboards", AdminOps, Icons.Material.Filled.Insights),
        new("users", "Admin/Users", "/admin/users", AdminOnly, Icons.Material.Filled.People),
        new("api-keys", "API keys", "/admin/api-keys", AdminOnly, Icons.Material.Filled.Key),
        new("audit", "Audit", "/admin/audit", AdminOnly, Icons.Material.Filled.History),
    ];
}
