using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>regex_match</c> = 1 if <c>pattern</c> (a .NET regular expression) matches somewhere in the text at <c>pointer</c>,
/// else 0; anchor with ^ and $ to match the whole text. A non-string value is matched as its JSON text. Patterns run
/// without backtracking where .NET allows it (no lookarounds or backreferences), so their time grows linearly with the
/// text; the others fall back to the backtracking engine. Either way a match gets <see cref="Timeout"/>, after which the
/// metric is not applicable for that output.
/// </summary>
internal sealed class RegexMatchMetric : MetricFunction
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(100);

    public RegexMatchMetric()
        : base("regex_match", MetricFunctionKind.ReferenceFree, "1 if pattern matches the text at pointer, else 0",
        [
            StandardParameters.Pointer("the text to match"),
            new("pattern", MetricParameterType.String, true, "A .NET regular expression, e.g. \"^[A-Z]{3}-\\\\d+$\"."),
        ])
    {
    }

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        string? problem = null;
        try
        {
            Build(parameters.Text("pattern"));
        }
        catch (ArgumentException ex)
        {
            problem = $"'pattern' is not a valid regular expression: {ex.Message}";
        }
        if (problem is not null) yield return problem;
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        var pointer = input.Parameters.Text("pointer");
        if (!JsonPointerPath.TryResolve(input.Actual, pointer, out var value)) return MetricOutcome.Failed(NothingAt(pointer));
        try
        {
            return MetricOutcome.Of(IsMatch(JsonScalar.TextOf(value), input.Parameters.Text("pattern")) ? 1 : 0);
        }
        catch (ArgumentException)
        {
            return MetricOutcome.NotApplicable("the pattern is not a valid regular expression");
        }
    }

    /// <summary>Throws ArgumentException for an invalid pattern, as the parser does.</summary>
    private static void Build(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.NonBacktracking, Timeout);
        }
        catch (NotSupportedException)
        {
            _ = new Regex(pattern, RegexOptions.None, Timeout);
        }
    }

    /// <summary>
    /// The static IsMatch keeps recently built patterns in Regex's own cache, so a metric run over many outputs builds
    /// its pattern once. A pattern NonBacktracking cannot run is refused before it is cached and goes to the other engine.
    /// </summary>
    private static bool IsMatch(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.NonBacktracking, Timeout);
        }
        catch (NotSupportedException)
        {
            return Regex.IsMatch(text, pattern, RegexOptions.None, Timeout);
        }
    }
}
