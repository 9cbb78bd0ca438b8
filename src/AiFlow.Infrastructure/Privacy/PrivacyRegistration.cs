using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiFlow.Infrastructure.Privacy;

public static class PrivacyRegistration
{
    /// <summary>
    /// The redaction policy and what applies it: every process that writes to the database gets it, with the defaults
    /// unless the host binds <c>AiFlow:Pii</c> (the inference gateway's registration does).
    /// </summary>
    public static IServiceCollection AddAiFlowPrivacy(this IServiceCollection services)
    {
        services.AddOptions<PiiOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<PiiRedactor>();
        services.TryAddSingleton<PiiAtRestInterceptor>();
        services.AddDataProtection();
        services.TryAddSingleton<PiiVault>();
        services.TryAddSingleton<RedactionReader>();
        services.TryAddSingleton<OriginalReveal>();
        return services;
    }
}
