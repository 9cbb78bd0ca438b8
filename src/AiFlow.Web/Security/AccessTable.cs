namespace AiFlow.Web.Security;

/// <summary>
/// Who may call each HTTP route and open each console page: the one place access is decided. Every route names the
/// policy written here (<c>AuthorizationTableTests</c> compares the running app's endpoints with this table, both ways),
/// the navigation reads its pages' roles from here, and the README's role table is a summary of it.
/// </summary>
public static class AccessTable
{
    /// <summary>No sign-in needed: signing in, health, error pages, the demo's model simulator.</summary>
    public const string Anonymous = "anonymous";

    /// <summary>Any signed-in user, whatever their role (the home page).</summary>
    public const string SignedIn = "signed-in";

    /// <param name="Route">HTTP method and route pattern as ASP.NET Core reports them (<c>*</c>: any method), or a page's route.</param>
    /// <param name="Access">A name from <see cref="Policies"/>, or <see cref="Anonymous"/> or <see cref="SignedIn"/>.</param>
    public sealed record Rule(string Route, string Access);

    public static readonly IReadOnlyList<Rule> Api =
    [
        new("POST /account/signin", Anonymous),
        new("POST /account/signout", Anonymous),
        new("POST /account/new-password", Anonymous),
        new("GET /health", Anonymous),
        // Media bytes for the console's players: any role, and only with an unexpired token issued for that asset.
        // Anonymous for a model server's short-lived fetch token; a page's token still needs a signed-in role (checked in the handler).
        new("GET /media/{id:guid}/content", Anonymous),
        new("GET /openapi/{documentName}.json", Policies.AnyRole),
        new("GET /api-reference/{documentName?}", Policies.AdminOps),
        // Scalar's own script bundle and icon: public files, like the console's other static assets.
        new("GET /api-reference/scalar.js", Anonymous),
        new("GET /api-reference/scalar.aspnetcore.js", Anonymous),
        new("GET /api-reference/favicon.svg", Anonymous),
        new("* /metrics", Policies.MetricsScrape),

        new("GET /api/me", Policies.AnyRole),
        new("GET /api/api-keys/", Policies.AdminOnly),
        new("GET /api/api-keys/{id:guid}", Policies.AdminOnly),
        new("POST /api/api-keys/", Policies.AdminOnly),
        new("DELETE /api/api-keys/{id:guid}", Policies.AdminOnly),
        new("GET /api/users/", Policies.AdminOnly),
        new("GET /api/users/{id:guid}", Policies.AdminOnly),
        new("POST /api/users/", Policies.AdminOnly),
        new("PUT /api/users/{id:guid}/role", Policies.AdminOnly),
        new("POST /api/users/{id:guid}/disable", Policies.AdminOnly),
        new("POST /api/users/{id:guid}/enable", Policies.AdminOnly),
        new("POST /api/users/{id:guid}/reset-password", Policies.AdminOnly),

        new("GET /api/pipelines", Policies.AdminOps),
        new("POST /api/pipelines/{key}/runs", Policies.AdminOps),
        new("PUT /api/pipelines/{key}/schedule", Policies.AdminOnly),
        new("GET /api/pipelines/{key}/schedule", Policies.AdminOps),
        new("GET /api/pipelines/{key}/versions/", Policies.AdminOnly),
        new("GET /api/pipelines/{key}/versions/{number:int}/export", Policies.AdminOnly),
        new("POST /api/pipelines/{key}/versions/import", Policies.AdminOnly),
        new("GET /api/pipelines/{key}/gate-policy", Policies.AdminOps),
        new("PUT /api/pipelines/{key}/gate-policy", Policies.AdminOnly),
        new("GET /api/pipelines/{key}/evaluation-schedule", Policies.AdminOps),
        new("PUT /api/pipelines/{key}/evaluation-schedule", Policies.AdminOnly),
        new("GET /api/pipelines/{key}/versions/{number:int}/gate", Policies.AdminOps),
        new("POST /api/pipelines/{key}/versions/{number:int}/activate", Policies.AdminOnly),

        // Run facts are for Admin and Ops: a Reviewer sees a run only through the review item they hold, in the console.
        new("GET /api/runs/{id:guid}", Policies.AdminOps),
        new("POST /api/runs/{id:guid}/cancel", Policies.AdminOps),
        new("POST /api/runs/{id:guid}/steps/{node}/retry", Policies.AdminOps),
        new("POST /api/runs/{id:guid}/replay", Policies.AdminOps),
        new("POST /api/runs/{id:guid}/feedback", Policies.AdminReviewer),
        new("GET /api/monitoring/runs", Policies.AdminOps),
        new("GET /api/monitoring/runs/{id:guid}", Policies.AdminOps),
        new("GET /api/monitoring/metrics", Policies.AdminOps),

        new("GET /api/ir-schemas/", Policies.AdminOps),
        new("GET /api/ir-schemas/{id:guid}", Policies.AdminOps),
        new("POST /api/ir-schemas/", Policies.AdminOnly),
        new("PUT /api/ir-schemas/{id:guid}", Policies.AdminOnly),
        new("POST /api/ir-schemas/{id:guid}/activate", Policies.AdminOnly),
        new("POST /api/ir-schemas/validate", Policies.AnyRole),

        new("GET /api/endpoints/", Policies.AdminOnly),
        new("GET /api/endpoints/{id:guid}", Policies.AdminOnly),
        new("POST /api/endpoints/", Policies.AdminOnly),
        new("PUT /api/endpoints/{id:guid}", Policies.AdminOnly),
        new("DELETE /api/endpoints/{id:guid}", Policies.AdminOnly),
        new("POST /api/endpoints/{id:guid}/test", Policies.AdminOnly),

        new("GET /api/ground-truth", Policies.AdminReviewer),
        new("POST /api/ground-truth/curate", Policies.AdminReviewer),
        new("PUT /api/ground-truth/{id:guid}/tags", Policies.AdminReviewer),

        // Datasets are read by every role (Reviewers curate their examples, Ops read what evaluations ran on); only an Admin snapshots by hand.
        new("GET /api/datasets/", Policies.AnyRole),
        new("POST /api/datasets/", Policies.AdminOnly),
        new("GET /api/datasets/{id:guid}", Policies.AnyRole),
        new("GET /api/datasets/compare", Policies.AnyRole),

        new("GET /api/prompts/", Policies.AdminOps),
        new("GET /api/prompts/{id:guid}", Policies.AdminOps),
        new("POST /api/prompts/", Policies.AdminOnly),
        new("POST /api/prompts/{id:guid}/versions", Policies.AdminOnly),
        new("POST /api/prompts/preview", Policies.AdminOps),

        new("GET /api/steps/", Policies.AdminOps),
        new("GET /api/steps/{key}", Policies.AdminOps),
        new("POST /api/steps/", Policies.AdminOnly),
        new("POST /api/steps/{key}/versions", Policies.AdminOnly),
        new("PUT /api/steps/{key}/versions/{number:int}", Policies.AdminOnly),
        new("POST /api/steps/{key}/versions/{number:int}/publish", Policies.AdminOnly),

        new("POST /api/evaluations/", Policies.AdminOnly),
        new("GET /api/evaluations/", Policies.AdminOps),
        new("GET /api/evaluations/{id:guid}", Policies.AdminOps),
        new("GET /api/evaluations/{id:guid}/cases", Policies.AdminOps),
        new("POST /api/evaluations/{id:guid}/cancel", Policies.AdminOps),
        new("GET /api/evaluations/{id:guid}/export", Policies.AdminOps),

        new("GET /api/metrics/", Policies.AdminOps),
        new("GET /api/metrics/{key}", Policies.AdminOps),
        new("GET /api/metrics/{key}/versions", Policies.AdminOps),
        new("POST /api/metrics/", Policies.AdminOnly),
        new("PUT /api/metrics/{key}", Policies.AdminOnly),
        new("GET /api/metric-functions", Policies.AdminOps),
        new("GET /api/metric-profiles/", Policies.AdminOps),
        new("GET /api/metric-profiles/{key}", Policies.AdminOps),
        new("GET /api/metric-profiles/{key}/versions", Policies.AdminOps),
        new("POST /api/metric-profiles/", Policies.AdminOnly),
        new("PUT /api/metric-profiles/{key}", Policies.AdminOnly),
        new("GET /api/judges/", Policies.AdminOps),
        new("GET /api/judges/{key}", Policies.AdminOps),
        new("POST /api/judges/", Policies.AdminOnly),
        new("PUT /api/judges/{key}", Policies.AdminOnly),

        new("GET /api/collections/", Policies.AdminOps),
        new("POST /api/collections/", Policies.AdminOnly),
        new("GET /api/collections/{key}", Policies.AdminOps),
        new("PUT /api/collections/{key}", Policies.AdminOnly),
        new("POST /api/collections/{key}/documents", Policies.AdminOnly),
        new("POST /api/collections/{key}/sources", Policies.AdminOnly),
        new("GET /api/collections/{key}/documents", Policies.AdminOps),
        new("GET /api/collections/{key}/jobs/{id:guid}", Policies.AdminOps),
        new("POST /api/collections/{key}/documents/{id:guid}/release", Policies.AdminOnly),
        new("DELETE /api/collections/{key}/documents/{id:guid}", Policies.AdminOnly),
        // Every role searches a collection (the playground, client systems with a key, the retrieval step's callers).
        new("POST /api/collections/{key}/search", Policies.AnyRole),
        // Judging retrieved chunks is a reviewer's action; the gold set and the quality it gives are read by every role.
        new("PUT /api/runs/{id:guid}/steps/{node}/chunk-labels", Policies.AdminReviewer),
        new("GET /api/collections/{key}/gold-retrieval", Policies.AnyRole),
        new("GET /api/collections/{key}/retrieval-quality", Policies.AnyRole),

        // Media (ADR 0033): Admins and Ops upload and list, Admins delete; every role may ask for one asset, and a
        // Reviewer is answered only for media named by a run with something to review (checked in the route).
        new("POST /api/media/", Policies.AdminOps),
        new("GET /api/media/", Policies.AdminOps),
        new("GET /api/media/{id:guid}", Policies.AnyRole),
        new("DELETE /api/media/{id:guid}", Policies.AdminOnly),

        // Archive and restore (ADR 0032): Admins only.
        new("POST /api/pipelines/{key}/archive", Policies.AdminOnly),
        new("POST /api/pipelines/{key}/restore", Policies.AdminOnly),
        new("POST /api/steps/{key}/archive", Policies.AdminOnly),
        new("POST /api/steps/{key}/restore", Policies.AdminOnly),
        new("POST /api/prompts/{id:guid}/archive", Policies.AdminOnly),
        new("POST /api/prompts/{id:guid}/restore", Policies.AdminOnly),
        new("POST /api/ir-schemas/{id:guid}/archive", Policies.AdminOnly),
        new("POST /api/ir-schemas/{id:guid}/restore", Policies.AdminOnly),

        // Budgets (ADR 0036): spend is read by Admin and Ops, budgets are set by Admins.
        new("GET /api/budgets/", Policies.AdminOps),
        new("GET /api/budgets/{id:guid}", Policies.AdminOps),
        new("POST /api/budgets/", Policies.AdminOnly),
        new("PUT /api/budgets/{id:guid}", Policies.AdminOnly),
        new("DELETE /api/budgets/{id:guid}", Policies.AdminOnly),
        // Retention status (ADR 0038): what was purged and when, for those who run the console.
        new("GET /api/retention", Policies.AdminOps),

        // The built-in simulator, served in demo mode or when AiFlow:Simulator:Enabled: its model API is open like a
        // model server's, its stats and reset are an Admin's and exist only in demo mode.
        new("GET /sim/v1/models", Anonymous),
        new("POST /sim/v1/chat/completions", Anonymous),
        new("POST /sim/v1/embeddings", Anonymous),
        new("POST /sim/v1/rerank", Anonymous),
        new("POST /sim/v1/audio/transcriptions", Anonymous),
        new("POST /sim/v1/openai/deployments/{deployment}/chat/completions", Anonymous),
        new("POST /sim/v1/openai/deployments/{deployment}/embeddings", Anonymous),
        new("POST /sim/v1/openai/deployments/{deployment}/audio/transcriptions", Anonymous),
        new("GET /sim/v1/_stats", Policies.AdminOnly),
        new("POST /sim/v1/_stats/reset", Policies.AdminOnly),

        // The built-in MiniLM embedding endpoint: no credentials, like a model server, and loopback callers only.
        new("POST /builtin/v1/embeddings", Anonymous),

        new("GET /api/settings/", Policies.AdminOnly),
        new("PUT /api/settings/{key}", Policies.AdminOnly),
        new("DELETE /api/settings/{key}", Policies.AdminOnly),
        new("GET /api/settings/{key}/history", Policies.AdminOnly),
    ];

    public static readonly IReadOnlyList<Rule> Pages =
    [
        new("/signin", Anonymous),
        new("/signin/new-password", Anonymous),
        new("/access-denied", Anonymous),
        new("/error", Anonymous),
        new("/not-found", Anonymous),
        new("/", SignedIn),

        new("/pipelines", Policies.AdminOps),
        new("/pipelines/{Key}", Policies.AdminOps),
        new("/steps", Policies.AdminOps),
        new("/steps/{Key}", Policies.AdminOps),
        new("/prompts", Policies.AdminOps),
        new("/prompts/{Key}", Policies.AdminOps),
        new("/ir-schemas", Policies.AdminOps),
        new("/runs", Policies.AdminOps),
        new("/runs/{Id:guid}", Policies.AdminOps),
        new("/metric-catalog", Policies.AdminOps),
        new("/judges", Policies.AdminOps),
        new("/judges/{Key}", Policies.AdminOps),
        new("/evaluations", Policies.AdminOps),
        new("/evaluations/{Id:guid}", Policies.AdminOps),
        new("/endpoints", Policies.AdminOps),
        new("/dashboards", Policies.AdminOps),
        new("/dashboards/endpoints", Policies.AdminOps),
        new("/datasets", Policies.AnyRole),
        new("/collections", Policies.AdminOps),
        new("/collections/{Key}", Policies.AdminOps),
        new("/collections/{Key}/search", Policies.AnyRole),
        new("/retention", Policies.AdminOps),
        new("/media", Policies.AdminOps),

        new("/review", Policies.AdminReviewer),
        new("/review/{ItemId:guid}", Policies.AdminReviewer),
        new("/ground-truth", Policies.AdminReviewer),

        new("/review/settings", Policies.AdminOnly),
        new("/admin/users", Policies.AdminOnly),
        new("/admin/api-keys", Policies.AdminOnly),
        new("/admin/audit", Policies.AdminOnly),
        new("/admin/settings", Policies.AdminOnly),
        new("/admin/budgets", Policies.AdminOnly),
    ];

    /// <summary>The roles that may open <paramref name="page"/>, comma-separated as <c>AuthorizeView.Roles</c> takes them.</summary>
    public static string PageRoles(string page) =>
        string.Join(',', Policies.RolesOf[Pages.Single(p => p.Route == page).Access]);
}
