using System.Text.Json;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Numbers come from the prompt: the one whose neighbouring words match the property, else one from
// the item's sentence, else a stable pick; then clamped to the schema's bounds.
internal sealed class SchemaNumbers(PromptCorpus corpus)
{
    public double Pick(JsonElement schema, SchemaSlot slot, bool integer)
    {
        var value = FromPrompt(slot) ?? Fallback(schema, slot);
        return Constrain(schema, value, integer);
    }

    private double? FromPrompt(SchemaSlot slot)
    {
        if (corpus.Numbers.Count == 0)
        {
            return null;
        }

        var best = corpus.Numbers
            .Select(n => (n, score: n.Score(slot.Hints)))
            .Where(s => s.score > 0)
            .OrderByDescending(s => s.score)
            .ThenBy(s => s.n.Position)
            .Select(s => (NumberMention?)s.n)
            .FirstOrDefault();
        if (best is not null)
        {
            return best.Value;
        }

        if (slot.Focus >= 0 && corpus.Sentences.Count > 0)
        {
            var sentence = corpus.Sentences[slot.Focus % corpus.Sentences.Count];
            var start = corpus.Text.IndexOf(sentence, StringComparison.Ordinal);
            var inSentence = corpus.Numbers.Find(n => n.Position >= start && n.Position < start + sentence.Length);
            if (inSentence is not null)
            {
                return inSentence.Value;
            }
        }

        return corpus.Numbers[StableHash.Index(StableHash.Of(corpus.Text, slot.Path), corpus.Numbers.Count)].Value;
    }

    private double Fallback(JsonElement schema, SchemaSlot slot)
    {
        var low = SchemaKeywords.Number(schema, "minimum") ?? SchemaKeywords.Number(schema, "exclusiveMinimum") ?? 0;
        var high = SchemaKeywords.Number(schema, "maximum") ?? SchemaKeywords.Number(schema, "exclusiveMaximum") ?? low + 100;
        var fraction = StableHash.Of(corpus.Text, slot.Path) % 1000 / 1000.0;
        return low + ((high - low) * fraction);
    }

    private static double Constrain(JsonElement schema, double value, bool integer)
    {
        var step = integer ? 1 : 0.01;
        var low = Math.Max(
            SchemaKeywords.Number(schema, "minimum") ?? double.MinValue,
            SchemaKeywords.Number(schema, "exclusiveMinimum") is { } exclusiveLow ? exclusiveLow + step : double.MinValue);
        var high = Math.Min(
            SchemaKeywords.Number(schema, "maximum") ?? double.MaxValue,
            SchemaKeywords.Number(schema, "exclusiveMaximum") is { } exclusiveHigh ? exclusiveHigh - step : double.MaxValue);
        if (integer)
        {
            low = Math.Ceiling(low);
            high = Math.Floor(high);
            value = Math.Round(value, MidpointRounding.AwayFromZero);
        }

        value = Math.Clamp(value, low, Math.Max(low, high));
        if (SchemaKeywords.Number(schema, "multipleOf") is { } multiple && multiple > 0)
        {
            var snapped = Math.Round(value / multiple) * multiple;
            value = snapped < low ? Math.Ceiling(low / multiple) * multiple : snapped > high ? Math.Floor(high / multiple) * multiple : snapped;
            value = Math.Round(value, 10);
        }

        return integer ? Math.Clamp(value, long.MinValue, long.MaxValue) : value;
    }
}
