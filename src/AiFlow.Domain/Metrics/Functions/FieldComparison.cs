using System.Text.Json.Nodes;

namespace AiFlow.Domain.Metrics.Functions;

/// <summary>
/// The leaves of the output and the ground truth matched by pointer: a leaf matches when the same pointer holds an equal
/// value (by <see cref="CanonicalValue"/>; with normalising, strings are trimmed and compared ignoring case). Arrays are
/// compared by index, so a list in another order does not match.
/// </summary>
internal sealed class FieldComparison
{
    /// <summary>The most fields listed in the details; the counts always cover all of them.</summary>
    public const int MaxListedFields = 1_000;

    private FieldComparison(int matched, int expectedLeaves, int actualLeaves, JsonObject details)
    {
        Matched = matched;
        ExpectedLeaves = expectedLeaves;
        ActualLeaves = actualLeaves;
        Details = details;
    }

    public int Matched { get; }

    public int ExpectedLeaves { get; }

    public int ActualLeaves { get; }

    /// <summary>
    /// <c>{"fields": {pointer: {"expected", "actual", "match"}}, "matched", "expectedLeaves", "actualLeaves"}</c>; a side
    /// without the leaf has no key, and <c>fieldsOmitted</c> counts fields beyond <see cref="MaxListedFields"/>.
    /// </summary>
    public JsonObject Details { get; }

    /// <summary>matched ÷ output leaves; 1 when neither side has leaves, 0 when only the ground truth has.</summary>
    public double Precision => ActualLeaves == 0 ? (ExpectedLeaves == 0 ? 1 : 0) : (double)Matched / ActualLeaves;

    /// <summary>matched ÷ ground-truth leaves; 1 when neither side has leaves, 0 when only the output has.</summary>
    public double Recall => ExpectedLeaves == 0 ? (ActualLeaves == 0 ? 1 : 0) : (double)Matched / ExpectedLeaves;

    /// <summary>2PR ÷ (P + R), 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <param name="ignore">Pointers whose leaves, and the leaves under them, count on neither side.</param>
    public static FieldComparison Of(JsonNode? actual, JsonNode? expected, bool normalize, IReadOnlyList<string> ignore)
    {
        var expectedLeaves = Kept(expected, ignore);
        var actualLeaves = Kept(actual, ignore);
        var unmatched = actualLeaves.ToDictionary(l => l.Pointer, l => l.Value, StringComparer.Ordinal);
        var fields = new JsonObject();
        var matched = 0;
        foreach (var (pointer, value) in expectedLeaves)
        {
            var present = unmatched.Remove(pointer, out var other);
            var match = present && Key(value, normalize) == Key(other, normalize);
            if (match) matched++;
            if (fields.Count < MaxListedFields) fields[pointer] = Field(value, present, other, match);
        }
        foreach (var (pointer, value) in unmatched.Take(MaxListedFields - fields.Count))
        {
            fields[pointer] = new JsonObject { ["actual"] = value?.DeepClone(), ["match"] = false };
        }
        var details = new JsonObject
        {
            ["fields"] = fields,
            ["matched"] = matched,
            ["expectedLeaves"] = expectedLeaves.Count,
            ["actualLeaves"] = actualLeaves.Count,
        };
        var omitted = expectedLeaves.Count + unmatched.Count - fields.Count;
        if (omitted > 0) details["fieldsOmitted"] = omitted;
        return new FieldComparison(matched, expectedLeaves.Count, actualLeaves.Count, details);
    }

    private static JsonObject Field(JsonNode? expected, bool present, JsonNode? actual, bool match)
    {
        var field = new JsonObject { ["expected"] = expected?.DeepClone() };
        if (present) field["actual"] = actual?.DeepClone();
        field["match"] = match;
        return field;
    }

    private static List<(string Pointer, JsonNode? Value)> Kept(JsonNode? root, IReadOnlyList<string> ignore) =>
        [.. JsonPointerPath.Leaves(root).Where(l => !ignore.Any(i => l.Pointer == i || l.Pointer.StartsWith(i + "/", StringComparison.Ordinal)))];

    private static string Key(JsonNode? value, bool normalize) =>
        normalize && JsonScalar.StringOf(value) is { } text
            ? CanonicalValue.Of(JsonValue.Create(text.Trim().ToLowerInvariant()))
            : CanonicalValue.Of(value);
}
