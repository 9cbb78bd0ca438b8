using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// <c>rouge_l</c>: with L the longest common subsequence of the output's and the ground truth's tokens, R = L ÷ |ref|,
/// P = L ÷ |cand| and F = (1 + β²)PR ÷ (R + β²P). Tokens are the runs of letters and digits, lower-cased. 1 when both
/// have no tokens, 0 when one has none; inputs over <see cref="MaxTokens"/> tokens are not applicable (the LCS costs
/// |cand|·|ref| steps).
/// </summary>
internal sealed class RougeLMetric : MetricFunction
{
    public const int MaxTokens = 20_000;

    public RougeLMetric()
        : base("rouge_l", MetricFunctionKind.ReferenceBased, "(1 + β²)PR ÷ (R + β²P), P = LCS ÷ |output tokens|, R = LCS ÷ |ground-truth tokens|",
        [
            StandardParameters.Pointer("the text to compare"),
            new("beta", MetricParameterType.Number, false, "β: how many times recall weighs more than precision; default 1."),
        ])
    {
    }

    private protected override IEnumerable<string> ValidateValues(JsonObject parameters)
    {
        if (parameters.Number("beta") is <= 0) yield return "'beta' must be greater than 0.";
    }

    private protected override MetricOutcome Evaluate(MetricInput input)
    {
        if (Pair(input, input.Parameters.Text("pointer"), out var actualNode, out var expectedNode) is { } missing) return missing;
        var candidate = Tokens(JsonScalar.TextOf(actualNode));
        var reference = Tokens(JsonScalar.TextOf(expectedNode));
        if (candidate.Count > MaxTokens || reference.Count > MaxTokens)
        {
            return MetricOutcome.NotApplicable($"texts over {MaxTokens:N0} tokens are too long for ROUGE-L");
        }
        if (candidate.Count == 0 || reference.Count == 0) return MetricOutcome.Of(candidate.Count == reference.Count ? 1 : 0);
        var lcs = LongestCommonSubsequence(candidate, reference);
        var details = new JsonObject { ["lcs"] = lcs, ["candidateTokens"] = candidate.Count, ["referenceTokens"] = reference.Count };
        if (lcs == 0) return MetricOutcome.Of(0, details);
        var precision = (double)lcs / candidate.Count;
        var recall = (double)lcs / reference.Count;
        var beta = input.Parameters.Number("beta") is { } b and > 0 ? b : 1;
        var beta2 = beta * beta;
        return MetricOutcome.Of((1 + beta2) * precision * recall / (recall + beta2 * precision), details);
    }

    internal static List<string> Tokens(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inToken = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inToken && start < 0) start = i;
            else if (!inToken && start >= 0)
            {
                tokens.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return tokens;
    }

    /// <summary>The LCS length by the two-row dynamic programme, memory following the shorter list.</summary>
    private static int LongestCommonSubsequence(List<string> a, List<string> b)
    {
        if (a.Count < b.Count) (a, b) = (b, a);
        var previous = new int[b.Count + 1];
        var current = new int[b.Count + 1];
        for (var i = 1; i <= a.Count; i++)
        {
            for (var j = 1; j <= b.Count; j++)
            {
                current[j] = string.Equals(a[i - 1], b[j - 1], StringComparison.Ordinal) ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Count];
    }
}
