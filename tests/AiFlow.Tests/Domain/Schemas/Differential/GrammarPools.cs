namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// The small fixed vocabularies both the schema grammar and the instance generators draw from. They are small on
/// purpose: schemas and instances that share names, bounds and strings collide often, which is where the two
/// validators' edge cases (1 vs 1.0, code points vs UTF-16 units, ASCII \w) show up.
/// </summary>
internal static class GrammarPools
{
    public static readonly string[] Types = ["null", "boolean", "integer", "number", "string", "array", "object"];

    public static readonly string[] PropertyNames = ["a", "b", "c", "ab", "x1", "10", "", "é"];

    /// <summary>Number literals kept as text so that <c>1.0</c>, <c>2.50</c> and <c>1e2</c> reach the validators as written.</summary>
    public static readonly string[] Numbers =
    [
        "-2", "-1", "-0.5", "0", "0.1", "0.3", "1", "1.0", "1.5", "2", "2.50", "3", "4", "5", "7", "10",
        "1e2", "1E2", "1.5e1", "5e-1", "-0", "12345678901234567890", "1e30", "1e-30", "0.1000000000000000000000000000001",
    ];

    public static readonly string[] Bounds = ["-1", "0", "0.5", "1", "2", "2.5", "3", "5", "10"];

    public static readonly string[] Divisors = ["1", "2", "3", "0.5", "0.25", "1.5", "0.1"];

    public static readonly string[] Strings = ["", "a", "b", "ab", "abc", "abab", "a1", "123", "x", "a_1", "é", "aé", "😀", "a b", "ABC", "a\nb", "\"q\""];

    /// <summary>Patterns for <c>patternProperties</c>; each matches some of <see cref="PropertyNames"/>.</summary>
    public static readonly string[] NamePatterns = ["^a", "b$", "^[0-9]+$", "^x", "c", "^\\w+$"];

    /// <summary>
    /// Safe patterns (no nested quantifiers) for <c>pattern</c>, each with strings that match it. \p{Letter} is left out:
    /// JsonSchema.Net refuses it (a known difference the suite scoreboard shows), which would void every pair it is in.
    /// </summary>
    public static readonly (string Pattern, string[] Matches)[] Patterns =
    [
        ("^a", ["a", "abc"]),
        ("b$", ["b", "ab"]),
        ("^[a-z]*$", ["", "abc"]),
        ("\\d", ["a1", "123"]),
        ("^.{1,2}$", ["a", "ab"]),
        ("^(ab)+$", ["ab", "abab"]),
        ("^\\w+$", ["a_1", "abc"]),
        ("^\\p{L}+$", ["é", "abc"]),
        ("x|é", ["x", "aé"]),
    ];
}
