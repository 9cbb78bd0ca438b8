using AiFlow.Domain.Judges;
using AiFlow.Infrastructure.Judges;

namespace AiFlow.Web.Features.Judges;

/// <summary>The judge editor's fields: a new judge's key and name, and the version every save adds.</summary>
public sealed class JudgeForm
{
    public const string StarterSchema = """
        {
          "type": "object",
          "properties": {
            "score": { "type": "number", "minimum": 1, "maximum": 5 },
            "reasoning": { "type": "string" }
          },
          "required": ["score", "reasoning"]
        }
        """;

    public string Key { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JudgeKind Kind { get; set; } = JudgeKind.Rating;
    public string PromptTemplate { get; set; } = "Rubric: {{ rubric }}\n\nInput: {{ input }}\n\nOutput to judge: {{ output }}";
    public string Rubric { get; set; } = "";
    public string OutputSchemaJson { get; set; } = StarterSchema;
    public Guid? ModelRouteId { get; set; }
    public double ScoreMin { get; set; } = 1;
    public double ScoreMax { get; set; } = 5;
    /// <summary>A category judge's labels, comma-separated.</summary>
    public string Categories { get; set; } = "";

    /// <summary>A form for the next version of <paramref name="judge"/>, starting from its current one.</summary>
    public static JudgeForm NextVersionOf(JudgeView judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        var v = judge.Current;
        return new JudgeForm
        {
            Key = judge.Key, Name = judge.Name, Description = judge.Description, Kind = v.Kind, PromptTemplate = v.PromptTemplate, Rubric = v.Rubric,
            OutputSchemaJson = v.OutputSchemaJson, ModelRouteId = v.ModelRouteId, ScoreMin = v.ScoreMin, ScoreMax = v.ScoreMax, Categories = string.Join(", ", v.Categories),
        };
    }

    public JudgeVersionInput ToVersionInput() => new(Kind, PromptTemplate, Rubric, OutputSchemaJson, ModelRouteId, ScoreMin, ScoreMax,
        [.. Categories.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]);

    public JudgeInput ToInput() => new(Key, Name, Description, ToVersionInput());
}
