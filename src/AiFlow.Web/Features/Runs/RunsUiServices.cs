using AiFlow.Web.Features.Runs.List;
using AiFlow.Web.Features.Runs.View;

namespace AiFlow.Web.Features.Runs;

public static class RunsUiServices
{
    public static IServiceCollection AddRunsUi(this IServiceCollection services) => services
        .AddSingleton<RunListQueries>()
        .AddSingleton<RunViewQueries>();
}
