using System.Globalization;
using System.Text.Json;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// Disagreements the property test tolerates, each with the spec's reading; docs/adr/0017-json-schema-net-as-referee.md
/// lists the same entries. A predicate names the values that cause its disagreement, never a whole keyword.
/// </summary>
internal static class KnownDifferences
{
    public static IReadOnlyList<KnownDifference> All { get; } =
    [
        new(
            "JsonSchema.Net compares numbers as System.Decimal in enum, const and uniqueItems",
            "Core §4.2.1 makes a number an arbitrary-precision decimal and §4.2.2 calls two numbers equal when their "
            + "mathematical values are, which enum (Validation §6.1.2), const (§6.1.3) and uniqueItems (§6.4.3) use. "
            + "JsonSchema.Net 8.0.5 compares through JsonElement.GetDecimal(): 0.1000000000000000000000000000001 rounds to "
            + "0.1 and equals it, and 1e30 makes it throw FormatException. AiFlow compares the digits exactly.",
            """{"const":0.1}""",
            "0.1000000000000000000000000000001",
            j => UsesEquality(j.Schema)
                && (j.Referee != Verdict.Crashed || j.RefereeFailure.StartsWith(nameof(FormatException), StringComparison.Ordinal))
                && Scalars(j.Schema, JsonValueKind.Number).Concat(Scalars(j.Instance.Json, JsonValueKind.Number)).Any(n => NumberText.ToDecimal(n) is null)),
        new(
            "JsonSchema.Net decides `integer` at double precision",
            "Validation §6.1.1: \"integer\" matches any number with a zero fractional part, and Core §4.2.1 keeps every digit. "
            + "12345678901234567889.5 has a fractional part, so it is not an integer (AiFlow); JsonSchema.Net 8.0.5 calls it "
            + "one because the double nearest to it is whole, as is every double above 2^53.",
            """{"type":"integer"}""",
            "12345678901234567889.5",
            j => j.Referee is Verdict.Valid or Verdict.Invalid
                && Scalars(j.Instance.Json, JsonValueKind.Number).Any(n => NumberText.HasFraction(n) && double.Parse(n, CultureInfo.InvariantCulture) % 1 == 0)),
        new(
            "JsonSchema.Net rejects long Unicode property names in patterns",
            "Validation §6.3.3 and Core §6.4 make a pattern an ECMA-262 regular expression, and ECMA-262 (unicode mode, "
            + "which the suite's pattern.json requires) accepts \\p{Letter} as well as \\p{L}. JsonSchema.Net 8.0.5 hands the "
            + "pattern to .NET's Regex, which knows only the short names, and refuses the schema; AiFlow translates the name.",
            """{"pattern":"^\\p{Letter}+$"}""",
            "\"é\"",
            j => j.Referee == Verdict.SchemaRejected
                && j.RefereeFailure.StartsWith("RegexParseException", StringComparison.Ordinal)
                && j.RefereeFailure.Contains("Unknown property 'Letter'", StringComparison.Ordinal)),
        new(
            "JsonSchema.Net's `$` also matches before a final newline",
            "Validation §6.3.3 and Core §6.4 make a pattern an ECMA-262 regular expression, where `$` (no multiline flag) "
            + "matches only at the end of the input, so \"^\\p{L}+$\" does not match \"a\\n\" (AiFlow). JsonSchema.Net 8.0.5 "
            + "runs the pattern as .NET, where `$` also matches before a string's final \\n.",
            """{"pattern":"^\\p{L}+$"}""",
            "\"a\\n\"",
            j => Scalars(j.Schema, JsonValueKind.String).Any(pattern => pattern.EndsWith('$'))
                && Scalars(j.Instance.Json, JsonValueKind.String).Any(text => text.EndsWith('\n'))),
        new(
            "JsonSchema.Net's uniqueItems tells a nested 3.0 from 3",
            "Validation §6.4.3 makes uniqueItems use instance equality, and Core §4.2.2 calls arrays and objects equal when "
            + "their items and members are, numbers by mathematical value, so [{\"x\":3.0},{\"x\":3}] is not unique (AiFlow). "
            + "JsonSchema.Net 8.0.5 gets [3.0,3] right but calls the nested pair unique.",
            """{"uniqueItems":true}""",
            """[{"x":3.0},{"x":3}]""",
            j => j.AiFlow == Verdict.Invalid && j.Referee == Verdict.Valid
                && HasKeyword(j.Schema, "uniqueItems", v => v.ValueKind == JsonValueKind.True)
                && HasContainersEqualOnlyByNumberValue(j.Instance.Json)),
    ];

    /// <summary>The known difference behind a disagreement, or null when the disagreement is news.</summary>
    public static KnownDifference? Explaining(Judgement judgement) => All.FirstOrDefault(d => d.Applies(judgement));

    /// <summary>
    /// Whether the schema has a keyword that compares values for equality. JsonSchema.Net's bounds and multipleOf are
    /// exact, so a disagreement without one of these is not this difference, however odd the numbers.
    /// </summary>
    private static bool UsesEquality(string schema) =>
        HasKeyword(schema, "enum", _ => true)
        || HasKeyword(schema, "const", _ => true)
        || HasKeyword(schema, "uniqueItems", v => v.ValueKind == JsonValueKind.True);

    /// <summary>Whether some object in the schema has the member, with a value the test accepts.</summary>
    private static bool HasKeyword(string schema, string name, Func<JsonElement, bool> value)
    {
        using var document = JsonDocument.Parse(schema);
        return Descendants(document.RootElement).Any(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var found) && value(found));
    }

    /// <summary>Whether some array holds two arrays or objects that are equal, but only once numbers are read by value.</summary>
    private static bool HasContainersEqualOnlyByNumberValue(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Descendants(document.RootElement).Where(e => e.ValueKind == JsonValueKind.Array).Any(array =>
        {
            var containers = array.EnumerateArray().Where(e => e.ValueKind is JsonValueKind.Array or JsonValueKind.Object).ToList();
            return containers.SelectMany((a, i) => containers.Skip(i + 1).Select(b => (a, b)))
                .Any(p => Normal(p.a, byValue: true) == Normal(p.b, byValue: true) && Normal(p.a, byValue: false) != Normal(p.b, byValue: false));
        });
    }

    /// <summary>The value with members sorted by name and numbers either as written or by value.</summary>
    private static string Normal(JsonElement element, bool byValue) => element.ValueKind switch
    {
        JsonValueKind.Array => "[" + string.Join(",", element.EnumerateArray().Select(e => Normal(e, byValue))) + "]",
        JsonValueKind.Object => "{" + string.Join(",", element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + Normal(p.Value, byValue))) + "}",
        JsonValueKind.Number when byValue => NumberText.Canonical(element.GetRawText()).ToString(),
        JsonValueKind.String => JsonSerializer.Serialize(element.GetString()),
        _ => element.GetRawText(),
    };

    /// <summary>Every number (as written) or every string (unescaped, property names included) in the JSON document.</summary>
    private static List<string> Scalars(string json, JsonValueKind kind)
    {
        using var document = JsonDocument.Parse(json);
        return [.. Descendants(document.RootElement).SelectMany(e => e.ValueKind switch
        {
            JsonValueKind.Object when kind == JsonValueKind.String => e.EnumerateObject().Select(p => p.Name),
            JsonValueKind.String when kind == JsonValueKind.String => [e.GetString()!],
            JsonValueKind.Number when kind == JsonValueKind.Number => [e.GetRawText()],
            _ => [],
        })];
    }

    /// <summary>The element and everything inside it; read them before the document is disposed.</summary>
    private static IEnumerable<JsonElement> Descendants(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Descendants).Prepend(element),
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Descendants(p.Value)).Prepend(element),
        _ => [element],
    };
}
