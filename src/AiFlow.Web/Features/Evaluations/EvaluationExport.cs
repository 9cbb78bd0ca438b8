using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AiFlow.Web.Features.Evaluations;

/// <summary>An evaluation's cases as CSV (one row a case, a column per metric and side) or JSON Lines (one whole case a line).</summary>
public static class EvaluationExport
{
    public static string Csv(IReadOnlyList<EvaluationCaseRow> rows)
    {
        var metrics = rows.SelectMany(r => r.CandidateMetrics.Keys.Concat(r.BaselineMetrics?.Keys ?? [])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var text = new StringBuilder("example_id,tags,errored,delta");
        foreach (var m in metrics) text.Append(',').Append(Cell("candidate_" + m)).Append(',').Append(Cell("baseline_" + m));
        text.Append(",expected,candidate,baseline,error\n");
        foreach (var r in rows)
        {
            text.Append(r.ExampleId).Append(',').Append(Cell(string.Join(' ', r.Tags))).Append(',').Append(r.Errored ? "true" : "false").Append(',').Append(Number(r.Delta));
            foreach (var m in metrics) text.Append(',').Append(Number(r.CandidateMetrics.GetValueOrDefault(m))).Append(',').Append(Number(r.BaselineMetrics?.GetValueOrDefault(m)));
            text.Append(',').Append(Cell(r.ExpectedIrJson)).Append(',').Append(Cell(r.CandidateIrJson)).Append(',').Append(Cell(r.BaselineIrJson)).Append(',').Append(Cell(r.Error)).Append('\n');
        }
        return text.ToString();
    }

    public static string Jsonl(IReadOnlyList<EvaluationCaseRow> rows)
    {
        var text = new StringBuilder();
        foreach (var r in rows)
        {
            var line = new JsonObject
            {
                ["exampleId"] = r.ExampleId, ["tags"] = new JsonArray([.. r.Tags.Select(t => (JsonNode?)t)]), ["errored"] = r.Errored, ["error"] = r.Error, ["delta"] = r.Delta,
                ["expected"] = Parse(r.ExpectedIrJson), ["candidate"] = Parse(r.CandidateIrJson), ["baseline"] = Parse(r.BaselineIrJson),
                ["candidateMetrics"] = Metrics(r.CandidateMetrics), ["baselineMetrics"] = r.BaselineMetrics is null ? null : Metrics(r.BaselineMetrics),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }
        return text.ToString();
    }

    private static JsonObject Metrics(IReadOnlyDictionary<string, double?> metrics) => new(metrics.Select(m => KeyValuePair.Create(m.Key, (JsonNode?)(m.Value is { } v ? JsonValue.Create(v) : null))));

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>RFC 4180 quoting; a leading = + - @ is prefixed so a spreadsheet does not run it as a formula.</summary>
    private static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
