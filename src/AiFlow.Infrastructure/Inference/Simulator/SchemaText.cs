using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Strings drawn from the prompt: a labelled value ("Customer: Acme Corp"), a token matching the
// pattern, or the sentence that best matches the property; then fitted to format and length.
internal sealed partial class SchemaText(PromptCorpus corpus)
{
    private static readonly HashSet<string> ShortFields = new(StringComparer.Ordinal)
    {
        "name", "title", "label", "author", "company", "vendor", "merchant", "customer", "city", "country",
        "person", "organization", "product", "category", "tag", "keyword", "topic", "brand", "language",
        "currency", "code", "id", "sku", "status", "type", "kind", "word", "entity",
    };

    public string Plain(SchemaSlot slot) => Labelled(slot) ?? Sentence(slot);

    public string String(JsonElement schema, SchemaSlot slot)
    {
        var format = SchemaKeywords.String(schema, "format");
        var candidate = format is null ? null : SchemaFormats.Value(format, corpus, slot);
        if (SchemaKeywords.String(schema, "pattern") is { } pattern && candidate is null)
        {
            candidate = Matching(pattern, slot);
        }

        candidate ??= Labelled(slot) ?? (IsShort(slot) ? ShortPhrase(slot) : Sentence(slot));
        return FitLength(candidate, SchemaKeywords.Int(schema, "minLength") ?? 0, SchemaKeywords.Int(schema, "maxLength"), slot);
    }

    private string? Matching(string pattern, SchemaSlot slot)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(200));
        }
        catch (ArgumentException)
        {
            return null;
        }

        bool Fits(string? s)
        {
            try
            {
                return s is not null && regex.IsMatch(s);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }

        var labelled = Labelled(slot);
        if (Fits(labelled))
        {
            return labelled;
        }

        var token = corpus.RawTokens.Find(Fits);
        if (token is not null)
        {
            return token;
        }

        var sampled = RegexSampler.Sample(pattern, StableHash.Of(corpus.Text, slot.Path));
        return Fits(sampled) ? sampled : null;
    }

    // "Customer: Acme Corp" / "the vendor is Acme Corp" → "Acme Corp"; for list items,
    // "Tags: urgent, billing" gives item 0 "urgent" and item 1 "billing".
    private string? Labelled(SchemaSlot slot)
    {
        foreach (var hint in slot.Hints.Where(h => h.Length >= 3).Take(3))
        {
            var match = LabelPattern(hint).Match(corpus.Text);
            if (!match.Success)
            {
                continue;
            }

            var parts = ListSeparator().Split(match.Groups["value"].Value)
                .Select(p => string.Join(' ', p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8)).Trim())
                .Where(p => p.Length > 0)
                .ToList();
            var index = Math.Max(0, slot.Focus);
            if (index < parts.Count)
            {
                return parts[index];
            }
        }

        return null;
    }

    private static Regex LabelPattern(string hint) => new(
        @"\b" + Regex.Escape(hint) + @"\w*\s*(?::|=|\bis\b|\bwas\b)\s*(?<value>(?:[^\n;!?.]|\.(?=\S))+)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
        TimeSpan.FromMilliseconds(200));

    // Judged by the last word of the property name: "customerName" is short, "summary" is not.
    private static bool IsShort(SchemaSlot slot)
    {
        var name = slot.Path.Split('.')[^1].Split('[')[0];
        var words = PromptCorpus.Tokenize(name);
        return words.Count > 0 && (ShortFields.Contains(words[^1]) || ShortFields.Contains(words[^1].TrimEnd('s')));
    }

    private string Sentence(SchemaSlot slot)
    {
        if (corpus.Sentences.Count == 0)
        {
            return "simulated value";
        }

        if (slot.Focus >= 0)
        {
            return corpus.Sentences[slot.Focus % corpus.Sentences.Count];
        }

        var scored = corpus.Sentences
            .Select((s, i) => (s, i, score: PromptCorpus.Overlap(slot.Hints, PromptCorpus.Tokenize(s))))
            .OrderByDescending(x => x.score)
            .ThenBy(x => x.i)
            .First();
        return scored.score > 0
            ? scored.s
            : corpus.Sentences[StableHash.Index(StableHash.Of(corpus.Text, slot.Path), corpus.Sentences.Count)];
    }

    // Names and labels: a run of capitalised words ("Maria Lopez") from the matching sentence, else from
    // anywhere in the prompt (root fields only), else a capitalised word, else the sentence's first words.
    private string ShortPhrase(SchemaSlot slot)
    {
        var sentence = Sentence(slot);
        var phrase = ProperPhrases(sentence).FirstOrDefault()
            ?? (slot.Focus < 0 ? ProperPhrases(corpus.Text).FirstOrDefault() : null)
            ?? ProperNoun().Matches(sentence).Skip(1).Select(m => m.Value).FirstOrDefault();
        return phrase ?? string.Join(' ', sentence.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(3)).TrimEnd('.', ',', '!', '?', ';', ':');
    }

    public static IEnumerable<string> ProperPhrases(string text) =>
        ProperNoun().Matches(text).Select(m => m.Value).Where(p => p.Contains(' ', StringComparison.Ordinal));

    private string FitLength(string value, int minLength, int? maxLength, SchemaSlot slot)
    {
        if (maxLength is { } max && value.Length > max)
        {
            var cut = value[..max];
            var space = cut.LastIndexOf(' ');
            value = space > max / 2 ? cut[..space] : cut;
        }

        var filler = corpus.Words.Count > 0 ? corpus.Words : ["value"];
        for (var i = StableHash.Index(StableHash.Of(corpus.Text, slot.Path), filler.Count); value.Length < minLength; i++)
        {
            value = value.Length == 0 ? filler[i % filler.Count] : value + " " + filler[i % filler.Count];
        }

        return maxLength is { } limit && value.Length > limit ? value[..limit] : value;
    }

    [GeneratedRegex(@"\s*,\s*|\s+and\s+")]
    private static partial Regex ListSeparator();

    [GeneratedRegex(@"\b\p{Lu}[\p{L}\p{N}&'-]*(?:\s+\p{Lu}[\p{L}\p{N}&'-]*)*")]
    private static partial Regex ProperNoun();
}
