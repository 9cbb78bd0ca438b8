using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Infrastructure.Dashboards;

public static class DashboardsDependencyInjection
{
    public static IServiceCollection AddDashboards(this IServiceCollection services)
    {
        services.AddSingleton<DashboardRollups>();
        services.AddHostedService<DashboardRefreshScheduler>();
        return services;
    }
}
