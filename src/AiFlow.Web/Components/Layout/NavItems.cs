using AiFlow.Web.Security;
using MudBlazor;

namespace AiFlow.Web.Components.Layout;

/// <summary>
/// The console's sections: the navigation shows a section only to the roles its page admits, read from
/// <see cref="AccessTable"/>.
/// </summary>
public static class NavItems
{
    public sealed record Item(string Key, string Title, string Href, string Icon)
    {
        /// <summary>The roles that may open the section, comma-separated for <c>AuthorizeView</c>.</summary>
        public string Roles { get; } = AccessTable.PageRoles(Href);
    }

    public static readonly Item[] All =
    [
        new("pipelines", "Pipelines", "/pipelines", Icons.Material.Filled.AccountTree),
        new("steps", "Steps", "/steps", Icons.Material.Filled.Extension),
        new("prompts", "Prompts", "/prompts", Icons.Material.Filled.Notes),
        new("ir-schemas", "IR Schemas", "/ir-schemas", Icons.Material.Filled.DataObject),
        new("runs", "Runs", "/runs", Icons.Material.Filled.PlayCircle),
        new("review", "Review", "/review", Icons.Material.Filled.RateReview),
        new("ground-truth", "Ground truth", "/ground-truth", Icons.Material.Filled.Verified),
        new("datasets", "Datasets", "/datasets", Icons.Material.Filled.Dataset),
        new("collections", "Collections", "/collections", Icons.Material.Filled.LibraryBooks),
        new("media", "Media", "/media", Icons.Material.Filled.PermMedia),
        new("metrics", "Metrics", "/metric-catalog", Icons.Material.Filled.Straighten),
        new("judges", "Judges", "/judges", Icons.Material.Filled.Gavel),
        new("evaluations", "Evaluations", "/evaluations", Icons.Material.Filled.Assessment),
        new("endpoints", "Endpoints", "/endpoints", Icons.Material.Filled.Dns),
        new("dashboards", "Dashboards", "/dashboards", Icons.Material.Filled.Insights),
        new("retention", "Retention", "/retention", Icons.Material.Filled.AutoDelete),
        new("users", "Admin/Users", "/admin/users", Icons.Material.Filled.People),
        new("api-keys", "API keys", "/admin/api-keys", Icons.Material.Filled.Key),
        new("budgets", "Budgets", "/admin/budgets", Icons.Material.Filled.Savings),
        new("audit", "Audit", "/admin/audit", Icons.Material.Filled.History),
        new("settings", "Settings", "/admin/settings", Icons.Material.Filled.Tune),
    ];
}
