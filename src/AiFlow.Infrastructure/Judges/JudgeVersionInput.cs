using AiFlow.Domain.Judges;

namespace AiFlow.Infrastructure.Judges;

/// <summary>What an Admin gives for a judge version; <see cref="JudgeChecks.Version"/> says what is wrong with it.</summary>
public sealed record JudgeVersionInput(JudgeKind Kind, string? PromptTemplate, string? Rubric, string? OutputSchemaJson, Guid? ModelRouteId,
    double ScoreMin, double ScoreMax, IReadOnlyList<string>? Categories);
