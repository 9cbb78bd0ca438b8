using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Domain.Judges;

/// <summary>
/// Reads a judge model's answer. Anything but a JSON object with a finite number <c>score</c> inside the version's range
/// and a string <c>reasoning</c> (and, for a category judge, a <c>category</c> among its labels) is refused with the reason:
/// a judge that answers badly is an error, never a score.
/// </summary>
public static class JudgeOutput
{
    public static (JudgeVerdict? Verdict, string? Problem) Parse(string? content, JudgeVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(content ?? "");
        }
        catch (JsonException ex)
        {
            return (null, $"the judge's answer is not JSON ({ex.Message})");
        }
        if (node is not JsonObject answer) return (null, "the judge's answer is not a JSON object");
        if (answer["score"] is not JsonValue score || score.GetValueKind() != JsonValueKind.Number || !double.IsFinite(score.GetValue<double>()))
        {
            return (null, "the judge's answer has no number 'score'");
        }
        var value = score.GetValue<double>();
        if (value < version.ScoreMin || value > version.ScoreMax)
        {
            return (null, $"the judge's score {value:0.####} is outside its range {version.ScoreMin:0.####}..{version.ScoreMax:0.####}");
        }
        if (answer["reasoning"] is not JsonValue reasoning || reasoning.GetValueKind() != JsonValueKind.String)
        {
            return (null, "the judge's answer has no string 'reasoning'");
        }
        string? category = null;
        if (version.Kind == JudgeKind.Category)
        {
            category = answer["category"] is JsonValue c && c.GetValueKind() == JsonValueKind.String ? c.GetValue<string>() : null;
            if (category is null || !version.Categories.Contains(category, StringComparer.Ordinal))
            {
                return (null, $"the judge's category {(category is null ? "is missing" : $"'{category}' is not one of")} {string.Join(", ", version.Categories)}");
            }
        }
        return (new JudgeVerdict(value, reasoning.GetValue<string>(), category), null);
    }
}
