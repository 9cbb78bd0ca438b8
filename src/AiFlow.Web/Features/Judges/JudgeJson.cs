using System.Text.Json.Nodes;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Web.Features.Judges;

/// <summary>The API's shape of a judge, its versions and (on a single judge) its agreement with people.</summary>
internal static class JudgeJson
{
    public static object Of(JudgeView j) => new
    {
        key = j.Key, name = j.Name, description = j.Description, currentVersion = j.CurrentVersion, version = j.Version, createdAt = j.CreatedAt,
        versions = j.Versions.Select(Of),
    };

    public static object Of(JudgeView j, IReadOnlyList<JudgeAgreementRow> agreement) => new
    {
        key = j.Key, name = j.Name, description = j.Description, currentVersion = j.CurrentVersion, version = j.Version, createdAt = j.CreatedAt,
        versions = j.Versions.Select(Of),
        agreement = agreement.Select(a => new
        {
            judgeVersion = a.JudgeVersion, step = a.StepKey, stepVersion = a.StepVersion, measure = a.Measure, value = a.Value, items = a.Items, fromGroundTruth = a.FromGroundTruth,
            disagreeing = a.Disagreeing.Select(d => new
            {
                stepRunId = d.StepRunId, runId = d.PipelineRunId, reviewItemId = d.ReviewItemId, judgeScore = d.JudgeScore, judgeCategory = d.JudgeCategory,
                humanRating = d.HumanRating, humanCategory = d.HumanCategory, source = d.Source == JudgeLabelSource.GroundTruth ? "groundTruth" : "review",
            }),
        }),
    };

    private static object Of(JudgeVersionView v) => new
    {
        number = v.Number, kind = v.Kind.ToString(), promptTemplate = v.PromptTemplate, rubric = v.Rubric, outputSchema = JsonNode.Parse(v.OutputSchemaJson),
        modelRouteId = v.ModelRouteId, route = v.RouteName, scoreMin = v.ScoreMin, scoreMax = v.ScoreMax, categories = v.Categories, createdBy = v.CreatedBy,
        createdAt = v.CreatedAt,
    };
}
