using System.Security.Claims;
using AiFlow.Domain.Access;
using AiFlow.Infrastructure.Metrics;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace AiFlow.Web.Features.Metrics;

/// <summary>
/// The metric catalogue: definitions (what is measured, through which library function) and profiles (which metrics a
/// node evaluates, with targets). Admins edit both here; Ops read. The service checks the role again on every save.
/// It lives at /metric-catalog because /metrics is the Prometheus scraping endpoint.
/// </summary>
public sealed partial class MetricsPage
{
    private ClaimsPrincipal user = new();
    private bool isAdmin;
    private IReadOnlyList<MetricDefinitionView>? definitions;
    private IReadOnlyList<MetricProfileView>? profiles;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private MetricCatalogService Catalog { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await Authentication).User;
        isAdmin = user.IsInRole(Roles.Admin);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        definitions = await Catalog.ListDefinitionsAsync(CancellationToken.None);
        profiles = await Catalog.ListProfilesAsync(CancellationToken.None);
    }
}
