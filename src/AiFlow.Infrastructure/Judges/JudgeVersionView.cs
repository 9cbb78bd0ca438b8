using AiFlow.Domain.Judges;

namespace AiFlow.Infrastructure.Judges;

/// <summary>One judge version as the console and the API show it.</summary>
public sealed record JudgeVersionView(Guid Id, int Number, JudgeKind Kind, string PromptTemplate, string Rubric, string OutputSchemaJson,
    Guid? ModelRouteId, string? RouteName, double ScoreMin, double ScoreMax, IReadOnlyList<string> Categories, string? CreatedBy, DateTimeOffset CreatedAt);
