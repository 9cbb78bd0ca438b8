using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiFlow.Infrastructure.Retention;

public static class RetentionDependencyInjection
{
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().Bind(builder.Configuration.GetSection(RetentionOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RequestLogPartitions>();
        builder.Services.AddSingleton<StepRunTextPartitions>();
        builder.Services.AddSingleton<RetentionPurger>();
        builder.Services.AddSingleton<RetentionStatusQueries>();
        builder.Services.AddHostedService<RetentionScheduler>();
        return builder;
    }
}
