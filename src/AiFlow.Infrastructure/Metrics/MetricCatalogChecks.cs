using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiFlow.Domain.Metrics.Functions;

namespace AiFlow.Infrastructure.Metrics;

/// <summary>
/// The checks a metric definition or profile must pass before it is saved, each problem at its field. Pure, so the
/// console runs the same checks while an Admin types.
/// </summary>
public static partial class MetricCatalogChecks
{
    public const string KeyRule = "A key is 2-63 characters: lower-case letters, digits and '_', starting with a letter.";

    private const int MaxName = 200;
    private const int MaxUnit = 50;
    private const int MaxDescription = 2000;

    [GeneratedRegex("^[a-z][a-z0-9_]{1,62}$")]
    private static partial Regex KeyPattern();

    // The library's messages start with the parameter's name in quotes: "'pointer' must be …".
    [GeneratedRegex("^'(?<name>[^']+)'")]
    private static partial Regex NamedParameter();

    public static bool IsKey(string? key) => key is not null && KeyPattern().IsMatch(key);

    public static string KnownFunctions => string.Join(", ", MetricFunctionCatalog.All.Select(f => f.Key));

    public static IReadOnlyList<MetricFieldProblem> Definition(MetricDefinitionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<MetricFieldProblem>();
        Key(input.Key, problems);
        Name(input.Name, problems);
        if (input.Unit?.Trim().Length > MaxUnit) problems.Add(new("/unit", $"A unit is at most {MaxUnit} characters."));
        if (input.Description?.Trim().Length > MaxDescription) problems.Add(new("/description", $"A description is at most {MaxDescription} characters."));
        if (!Enum.IsDefined(input.Direction)) problems.Add(new("/direction", "direction must be HigherIsBetter or LowerIsBetter."));
        if (!Enum.IsDefined(input.Aggregation)) problems.Add(new("/aggregation", $"aggregation must be one of {string.Join(", ", Enum.GetNames<MetricAggregation>())}."));
        problems.AddRange(Parameters(input.Function, input.ParametersJson, out _));
        return problems;
    }

    /// <summary>
    /// The function's problems with <paramref name="parametersJson"/> (blank means none given), or that the function is
    /// unknown; <paramref name="parameters"/> is the parsed object when it is one.
    /// </summary>
    public static IReadOnlyList<MetricFieldProblem> Parameters(string? function, string? parametersJson, out JsonObject? parameters)
    {
        parameters = null;
        var problems = new List<MetricFieldProblem>();
        MetricFunction? fn = null;
        if (string.IsNullOrWhiteSpace(function)) problems.Add(new("/function", "A function from the metric library is required."));
        else if (!MetricFunctionCatalog.TryGet(function.Trim(), out fn)) problems.Add(new("/function", $"There is no metric function '{function}'; the library has {KnownFunctions}."));

        try
        {
            var node = string.IsNullOrWhiteSpace(parametersJson) ? new JsonObject() : JsonNode.Parse(parametersJson);
            parameters = node as JsonObject;
            if (parameters is null) problems.Add(new("/parameters", $"Parameters must be a JSON object such as {{\"pointer\":\"/total\"}}, not {Describe(node)}."));
        }
        catch (JsonException ex)
        {
            problems.Add(new("/parameters", $"Parameters are not valid JSON: line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}."));
        }

        if (fn is not null && parameters is not null)
        {
            problems.AddRange(fn.ValidateParameters(parameters).Select(message =>
                new MetricFieldProblem(NamedParameter().Match(message) is { Success: true } m ? JsonPointerPath.Append("/parameters", m.Groups["name"].Value) : "/parameters", message)));
        }
        return problems;
    }

    /// <summary>The profile's own problems; every target must name a metric in <paramref name="knownMetrics"/>.</summary>
    public static IReadOnlyList<MetricFieldProblem> Profile(MetricProfileInput input, IReadOnlySet<string> knownMetrics)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(knownMetrics);
        var problems = new List<MetricFieldProblem>();
        Key(input.Key, problems);
        Name(input.Name, problems);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < input.Targets.Count; i++)
        {
            var target = input.Targets[i];
            var at = $"/targets/{i}";
            if (string.IsNullOrWhiteSpace(target.MetricKey)) problems.Add(new($"{at}/metricKey", "A target needs the key of a metric."));
            else if (!knownMetrics.Contains(target.MetricKey)) problems.Add(new($"{at}/metricKey", $"There is no metric '{target.MetricKey}'; define it first."));
            else if (seen.TryGetValue(target.MetricKey, out var first)) problems.Add(new($"{at}/metricKey", $"'{target.MetricKey}' is already target {first + 1} of this profile."));
            else seen[target.MetricKey] = i;
            if (target.Target is { } value && !double.IsFinite(value)) problems.Add(new($"{at}/target", "A target must be a finite number, or empty for none."));
            if (!double.IsFinite(target.Weight) || target.Weight < 0) problems.Add(new($"{at}/weight", "A weight must be a finite number of 0 or more."));
        }
        return problems;
    }

    private static void Key(string? key, List<MetricFieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(key)) problems.Add(new("/key", $"A key is required. {KeyRule}"));
        else if (!KeyPattern().IsMatch(key)) problems.Add(new("/key", $"'{key}' is not a valid key. {KeyRule}"));
    }

    private static void Name(string? name, List<MetricFieldProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxName) problems.Add(new("/name", $"A name of 1-{MaxName} characters is required."));
    }

    private static string Describe(JsonNode? node) => (node?.GetValueKind() ?? JsonValueKind.Null) switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
