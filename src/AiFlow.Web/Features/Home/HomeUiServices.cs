namespace AiFlow.Web.Features.Home;

public static class HomeUiServices
{
    public static IServiceCollection AddHomeUi(this IServiceCollection services) => services.AddSingleton<HomeQueries>();
}
