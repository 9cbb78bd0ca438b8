using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Enum values and booleans: chosen by how well they overlap with the prompt's words.
internal static class SchemaChoices
{
    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "no", "not", "never", "without", "false", "none" };

    public static JsonElement Pick(List<JsonElement> values, PromptCorpus corpus, SchemaSlot slot) => Ranked(values, corpus, slot)[0];

    // Best overlap first (ties keep enum order); with no overlap at all, a stable per-prompt choice.
    public static List<JsonElement> Ranked(List<JsonElement> values, PromptCorpus corpus, SchemaSlot slot)
    {
        var scored = values.Select((value, index) => (value, index, score: corpus.Overlap(PromptCorpus.Tokenize(Label(value))))).ToList();
        if (scored.TrueForAll(s => s.score == 0))
        {
            var start = StableHash.Index(StableHash.Of(corpus.Text, slot.Path), values.Count);
            return values.Skip(start).Concat(values.Take(start)).ToList();
        }

        return scored.OrderByDescending(s => s.score).ThenBy(s => s.index).Select(s => s.value).ToList();
    }

    // True when the prompt mentions the property's words without a negation just before them.
    public static bool Boolean(PromptCorpus corpus, SchemaSlot slot)
    {
        var hints = slot.Hints.Where(h => h is not ("is" or "has" or "can" or "should")).ToList();
        for (var i = 0; i < corpus.Words.Count; i++)
        {
            if (hints.Exists(h => PromptCorpus.SameWord(h, corpus.Words[i])))
            {
                var negated = corpus.Words.Skip(Math.Max(0, i - 3)).Take(Math.Min(3, i)).Any(Negations.Contains);
                return !negated;
            }
        }

        return false;
    }

    // Arrays of enum values with uniqueItems: the best-ranked distinct values.
    public static JsonArray? DistinctEnum(
        JsonElement root, JsonElement itemSchema, JsonElement arraySchema, PromptCorpus corpus, SchemaSlot slot, int wanted, int min)
    {
        var resolved = SchemaRefs.Resolve(root, itemSchema);
        var values = SchemaKeywords.Array(resolved, "enum");
        if (values.Count == 0 || !SchemaKeywords.IsTrue(arraySchema, "uniqueItems"))
        {
            return null;
        }

        var matching = values.Count(v => corpus.Overlap(PromptCorpus.Tokenize(Label(v))) > 0);
        var count = Math.Min(values.Count, Math.Max(min, Math.Min(wanted, Math.Max(1, matching))));
        return new JsonArray(Ranked(values, corpus, slot).Take(count).Select(v => JsonNode.Parse(v.GetRawText())).ToArray());
    }

    private static string Label(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
