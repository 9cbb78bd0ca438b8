using AiFlow.Infrastructure.GroundTruth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Reviews;

public static class ReviewsDependencyInjection
{
    /// <summary>The review queue, decisions, curation into ground truth and the ground-truth editor; the curation job itself is registered with Quartz.</summary>
    public static IHostApplicationBuilder AddReviews(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ReviewOptions>().Bind(builder.Configuration.GetSection(ReviewOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReviewDecisionWriter>();
        services.AddSingleton<ReviewQueueService>();
        services.AddSingleton<GroundTruthCurator>();
        services.AddSingleton<GroundTruthService>();
        services.AddSingleton<GroundTruthSchemaAudit>();
        services.AddSingleton<DatasetService>();
        services.AddSingleton<CurationTrigger>();
        return builder;
    }
}
