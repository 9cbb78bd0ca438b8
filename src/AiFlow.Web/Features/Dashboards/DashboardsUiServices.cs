using AiFlow.Web.Features.Dashboards.Data;

namespace AiFlow.Web.Features.Dashboards;

public static class DashboardsUiServices
{
    public static IServiceCollection AddDashboardsUi(this IServiceCollection services) => services
        .AddSingleton<DashboardQueries>()
        .AddSingleton<EndpointHealthQueries>();
}
