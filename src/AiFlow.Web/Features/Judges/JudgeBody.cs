using System.Text.Json.Nodes;
using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Web.Features.Judges;

/// <summary>
/// <c>POST /api/judges</c> (a new judge and its version 1) and <c>PUT /api/judges/{key}</c> (its next version, carrying
/// the <see cref="Version"/> read) bodies. Every field is optional here so a missing one is named in the answer rather
/// than failing the binding; a PUT ignores key, name and description.
/// </summary>
public sealed record JudgeBody(
    string? Key,
    string? Name,
    string? Description,
    JudgeKind? Kind,
    string? PromptTemplate,
    string? Rubric,
    JsonNode? OutputSchema,
    Guid? ModelRouteId,
    double? ScoreMin,
    double? ScoreMax,
    IReadOnlyList<string>? Categories,
    uint? Version)
{
    public JudgeVersionInput ToVersionInput() =>
        new(Kind ?? JudgeKind.Rating, PromptTemplate, Rubric, OutputSchema?.ToJsonString(), ModelRouteId, ScoreMin ?? double.NaN, ScoreMax ?? double.NaN, Categories ?? []);

    public JudgeInput ToInput() => new(Key, Name, Description, ToVersionInput());
}
