using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFlow.Infrastructure.Budgets;

public static class BudgetsDependencyInjection
{
    /// <summary>Budgets, their spend, the gateway's guard and their gauges; options from <see cref="BudgetOptions.Section"/>.</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<BudgetSpendReader>();
        services.TryAddSingleton<BudgetGuard>();
        services.TryAddSingleton<IBudgetGuard>(sp => sp.GetRequiredService<BudgetGuard>());
        services.TryAddSingleton<BudgetService>();
        services.TryAddSingleton<BudgetMetrics>();
        return services;
    }
}
