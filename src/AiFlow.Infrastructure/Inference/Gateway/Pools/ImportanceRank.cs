using AiFlow.Domain.Inference;

namespace AiFlow.Infrastructure.Inference.Gateway.Pools;

/// <summary>Serving order of importance (higher first); the enum's own values keep Normal as the zero default instead.</summary>
public static class ImportanceRank
{
    public static int Of(CallImportance importance) => importance switch
    {
        CallImportance.High => 2,
        CallImportance.Low => 0,
        _ => 1,
    };
}
