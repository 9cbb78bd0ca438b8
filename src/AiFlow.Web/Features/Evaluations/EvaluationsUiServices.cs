namespace AiFlow.Web.Features.Evaluations;

public static class EvaluationsUiServices
{
    public static IServiceCollection AddEvaluationsUi(this IServiceCollection services) => services
        .AddSingleton<EvaluationQueries>()
        .AddSingleton<NewEvaluationQueries>();
}
