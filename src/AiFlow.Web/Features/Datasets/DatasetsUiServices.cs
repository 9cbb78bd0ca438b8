namespace AiFlow.Web.Features.Datasets;

public static class DatasetsUiServices
{
    public static IServiceCollection AddDatasetsUi(this IServiceCollection services) => services.AddSingleton<DatasetQueries>();
}
