using Microsoft.Extensions.DependencyInjection;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

public static class StepKindsDependencyInjection
{
    /// <summary>Every step kind this build can run, one class each; <see cref="StepKindRegistry"/> reads them from here.</summary>
    public static IServiceCollection AddStepKinds(this IServiceCollection services)
    {
        services.AddSingleton<ModelCall>();
        services.AddSingleton<StepMedia>();
        services.AddSingleton<IStepKind, StructuredLlmStep>();
        services.AddSingleton<IStepKind, VisionStep>();
        services.AddSingleton<IStepKind, TranscriptionStep>();
        services.AddSingleton<IStepKind, TransformStep>();
        services.AddSingleton<IStepKind, HumanReviewStep>();
        services.AddSingleton<IStepKind, EmbeddingStep>();
        services.AddSingleton<IStepKind, RetrievalStep>();
        services.AddSingleton<IStepKind, SqlQueryStep>();
        services.AddSingleton<StepKindRegistry>();
        services.AddSingleton<StepKindExecutorFactory>();
        return services;
    }
}
