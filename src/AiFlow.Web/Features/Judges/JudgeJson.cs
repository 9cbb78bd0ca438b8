using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Web.Features.Judges;

/// <summary>The API's shape of a judge and its versions; <see cref="Agreement"/> with people only on a single judge.</summary>
public sealed record JudgeJson(string Key, string Name, string? Description, int CurrentVersion, uint Version, DateTimeOffset CreatedAt,
    IReadOnlyList<JudgeVersionJson> Versions, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<JudgeAgreementJson>? Agreement = null)
{
    public static JudgeJson Of(JudgeView j) => new(j.Key, j.Name, j.Description, j.CurrentVersion, j.Version, j.CreatedAt, j.Versions.Select(JudgeVersionJson.Of).ToList());

    public static JudgeJson Of(JudgeView j, IReadOnlyList<JudgeAgreementRow> agreement) => Of(j) with { Agreement = agreement.Select(JudgeAgreementJson.Of).ToList() };
}

public sealed record JudgeVersionJson(int Number, JudgeKind Kind, string PromptTemplate, string Rubric, JsonNode? OutputSchema, Guid? ModelRouteId, string? Route,
    double ScoreMin, double ScoreMax, IReadOnlyList<string> Categories, string? CreatedBy, DateTimeOffset CreatedAt)
{
    public static JudgeVersionJson Of(JudgeVersionView v) => new(v.Number, v.Kind, v.PromptTemplate, v.Rubric, JsonNode.Parse(v.OutputSchemaJson), v.ModelRouteId,
        v.RouteName, v.ScoreMin, v.ScoreMax, v.Categories, v.CreatedBy, v.CreatedAt);
}

/// <param name="FromGroundTruth">How many of <see cref="Items"/> were labelled by ground truth rather than a review decision.</param>
public sealed record JudgeAgreementJson(int JudgeVersion, string? Step, int? StepVersion, string Measure, double? Value, int Items, int FromGroundTruth,
    IReadOnlyList<JudgeDisagreementJson> Disagreeing)
{
    public static JudgeAgreementJson Of(JudgeAgreementRow a) => new(a.JudgeVersion, a.StepKey, a.StepVersion, a.Measure, a.Value, a.Items, a.FromGroundTruth,
        a.Disagreeing.Select(d => new JudgeDisagreementJson(d.StepRunId, d.PipelineRunId, d.ReviewItemId, d.JudgeScore, d.JudgeCategory, d.HumanRating,
            d.HumanCategory, d.Source == JudgeLabelSource.GroundTruth ? "groundTruth" : "review")).ToList());
}

/// <param name="Source">"review" or "groundTruth": where the human label came from.</param>
public sealed record JudgeDisagreementJson(Guid StepRunId, Guid RunId, Guid? ReviewItemId, double JudgeScore, string? JudgeCategory, int? HumanRating,
    string? HumanCategory, string Source);
