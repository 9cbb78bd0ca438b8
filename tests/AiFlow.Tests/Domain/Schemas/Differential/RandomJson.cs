using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>Random JSON values over <see cref="GrammarPools"/>: instances with no regard for the schema, and literals for enum/const.</summary>
internal static class RandomJson
{
    public static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (1, Gen.Const<JsonNode?>(() => null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (3, Gen.OneOf(GrammarPools.Numbers).Select(text => (JsonNode?)Number(text))),
        (3, Gen.OneOf(GrammarPools.Strings).Select(text => (JsonNode?)JsonValue.Create(text))));

    private static readonly Gen<JsonNode?>[] s_values = BuildValues(2);

    // Counterexamples are read by people, so text keeps é as it is unless a case asks for \u escapes on purpose.
    private static readonly JsonSerializerOptions s_readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions s_escaped = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>A value nested at most <paramref name="depth"/> (0–2) containers deep.</summary>
    public static Gen<JsonNode?> Value(int depth) => s_values[Math.Clamp(depth, 0, s_values.Length - 1)];

    /// <summary>Parsed rather than created from a double so the literal keeps its spelling (1.0 stays 1.0).</summary>
    public static JsonNode Number(string text) => JsonNode.Parse(text)!;

    /// <summary>
    /// JSON text of the node; <paramref name="escaped"/> writes every non-ASCII character as a \u escape, so a schema
    /// and an instance spelling the same string differently meet in const, enum and property names.
    /// </summary>
    public static string Text(JsonNode? node, bool escaped = false) => node?.ToJsonString(escaped ? s_escaped : s_readable) ?? "null";

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new([.. items]);

    public static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> members)
    {
        var result = new JsonObject();
        foreach (var (name, value) in members)
        {
            // A repeated name keeps its first value; the later node was never attached, so nothing dangles.
            result.TryAdd(name, value);
        }

        return result;
    }

    private static Gen<JsonNode?>[] BuildValues(int maxDepth)
    {
        var values = new Gen<JsonNode?>[maxDepth + 1];
        values[0] = Scalar;
        for (var depth = 1; depth <= maxDepth; depth++)
        {
            var inner = values[depth - 1];
            values[depth] = Gen.Frequency(
                (4, Scalar),
                (1, inner.Array[0, 3].Select(items => (JsonNode?)Array(items))),
                (1, Gen.Select(Gen.OneOf(GrammarPools.PropertyNames), inner).Array[0, 3].Select(members => (JsonNode?)Object(members))));
        }

        return values;
    }
}
