using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// A pure function from a step's output (and for reference-based metrics its ground truth) to a number. Functions hold
/// no state, so one instance serves every run; <see cref="MetricFunctionCatalog"/> has them all.
/// </summary>
public abstract class MetricFunction
{
    public const string NoGroundTruth = "no ground truth for this input";
    public const string NoOutput = "the step has no output";

    private protected MetricFunction(string key, MetricFunctionKind kind, string formula, IReadOnlyList<MetricParameter> parameters)
    {
        Key = key;
        Kind = kind;
        Formula = formula;
        Parameters = parameters;
    }

    public string Key { get; }

    public MetricFunctionKind Kind { get; }

    /// <summary>One line a person can read in the console, e.g. "2PR ÷ (P + R) over matching leaves".</summary>
    public string Formula { get; }

    public IReadOnlyList<MetricParameter> Parameters { get; }

    /// <summary>Whether the function reads the output IR; those that only read <see cref="StepFacts"/> do not.</summary>
    private protected virtual bool ReadsOutput => true;

    /// <summary>
    /// The problems with <paramref name="parameters"/>, each naming its parameter; empty when they are fine. Unknown names,
    /// missing required ones and wrong JSON types are refused; a null value counts as not given.
    /// </summary>
    public IReadOnlyList<string> ValidateParameters(JsonObject? parameters)
    {
        var given = parameters ?? [];
        var problems = new List<string>();
        foreach (var (name, value) in given)
        {
            var parameter = Parameters.FirstOrDefault(p => p.Name == name);
            if (parameter is null) problems.Add($"'{name}' is not a parameter of {Key}; {Known()}.");
            else if (value is not null && TypeProblem(parameter.Type, value) is { } problem) problems.Add($"'{name}' {problem}.");
        }
        foreach (var parameter in Parameters.Where(p => p.Required && given[p.Name] is null))
        {
            problems.Add($"'{parameter.Name}' is required: {parameter.Description}");
        }
        if (problems.Count == 0) problems.AddRange(ValidateValues(given));
        return problems;
    }

    /// <summary>The metric for one output. Never throws for any output, ground truth or schema.</summary>
    public MetricOutcome Compute(MetricInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Kind == MetricFunctionKind.ReferenceBased && input.Expected is null) return MetricOutcome.NotApplicable(NoGroundTruth);
        if (ReadsOutput && input.Actual is null) return MetricOutcome.NotApplicable(NoOutput);
        try
        {
            return Evaluate(input);
        }
        catch (RegexMatchTimeoutException)
        {
            return MetricOutcome.NotApplicable($"the pattern took longer than {RegexMatchMetric.Timeout.TotalMilliseconds:0} ms on this output");
        }
    }

    /// <summary>Called only when the ground truth (if needed) and the output (if read) are there.</summary>
    private protected abstract MetricOutcome Evaluate(MetricInput input);

    /// <summary>Checks beyond the JSON types, e.g. that a pattern compiles; called only when the types are right.</summary>
    private protected virtual IEnumerable<string> ValidateValues(JsonObject parameters) => [];

    /// <summary>The reason used whenever a pointer does not resolve, so messages read alike across functions.</summary>
    internal static string NothingAt(string pointer, bool inGroundTruth = false) =>
        $"the {(inGroundTruth ? "ground truth" : "output")} has nothing at \"{pointer}\"";

    /// <summary>
    /// The values at <paramref name="pointer"/> in both documents, or the outcome when one lacks it: not applicable when
    /// the ground truth has nothing there (nothing to compare with), 0 when the output has nothing there.
    /// </summary>
    private protected static MetricOutcome? Pair(MetricInput input, string pointer, out JsonNode? actual, out JsonNode? expected)
    {
        actual = null;
        if (!JsonPointerPath.TryResolve(input.Expected, pointer, out expected)) return MetricOutcome.NotApplicable(NothingAt(pointer, inGroundTruth: true));
        return JsonPointerPath.TryResolve(input.Actual, pointer, out actual) ? null : MetricOutcome.Failed(NothingAt(pointer));
    }

    private string Known() => Parameters.Count == 0
        ? "it takes none"
        : "it takes " + string.Join(", ", Parameters.Select(p => p.Name));

    private static string? TypeProblem(MetricParameterType type, JsonNode value) => (type, value.GetValueKind()) switch
    {
        (MetricParameterType.String, JsonValueKind.String) => null,
        (MetricParameterType.Number, JsonValueKind.Number) => JsonScalar.NumberOf(value) is null ? "must be a finite number" : null,
        (MetricParameterType.Bool, JsonValueKind.True or JsonValueKind.False) => null,
        (MetricParameterType.Array, JsonValueKind.Array) => null,
        (MetricParameterType.Pointer, JsonValueKind.String) => JsonPointerPath.IsValid(value.GetValue<string>())
            ? null
            : "must be a JSON pointer such as \"/sections/0/id\" (\"\" for the whole IR, '~' written as ~0 and '/' in a name as ~1), "
                + $"not \"{value.GetValue<string>()}\"",
        _ => $"must be {Expected(type)}, not {JsonScalar.Describe(value)}",
    };

    private static string Expected(MetricParameterType type) => type switch
    {
        MetricParameterType.String => "a string",
        MetricParameterType.Number => "a number",
        MetricParameterType.Bool => "true or false",
        MetricParameterType.Pointer => "a JSON pointer string such as \"/sections/0/id\"",
        _ => "an array",
    };
}
