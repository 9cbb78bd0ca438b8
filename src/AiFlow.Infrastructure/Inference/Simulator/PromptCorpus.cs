using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

// The prompt broken into what generated values are drawn from: sentences, words, numbers, raw tokens.
internal sealed partial class PromptCorpus
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "is", "are", "was", "were", "be", "it",
        "this", "that", "with", "as", "at", "by", "from", "we", "i", "you", "our", "your", "my", "me", "please",
    };

    public PromptCorpus(string? text)
    {
        Text = (text ?? string.Empty).Trim();
        Sentences = SentenceSplit().Split(Text).Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
        Words = WordPattern().Matches(Text).Select(m => m.Value.ToLowerInvariant()).ToList();
        WordSet = new HashSet<string>(Words, StringComparer.Ordinal);
        RawTokens = Text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim('.', ',', ';', ':', '!', '?', '"', '\'', '(', ')', '[', ']'))
            .Where(t => t.Length > 0)
            .ToList();
        Numbers = NumberPattern().Matches(Text).Select(ToMention).ToList();
        Hash = StableHash.Of(Text);
    }

    public string Text { get; }

    public List<string> Sentences { get; }

    public List<string> Words { get; }

    public HashSet<string> WordSet { get; }

    public List<string> RawTokens { get; }

    public List<NumberMention> Numbers { get; }

    public ulong Hash { get; }

    public bool IsEmpty => Text.Length == 0;

    // "invoiceTotal", "due_date", "Customer Name" → ["invoice", "total"], ["due", "date"], ["customer", "name"].
    public static List<string> Tokenize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var split = CamelBoundary().Replace(text, "$1 $2");
        return WordPattern().Matches(split)
            .Select(m => m.Value.ToLowerInvariant())
            .Where(w => !StopWords.Contains(w))
            .ToList();
    }

    // Exact match, or a shared stem for words of four letters or more ("price" ~ "priced").
    public static bool SameWord(string a, string b) =>
        a == b || (a.Length >= 4 && b.Length >= 4 && (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal)));

    public int Overlap(IEnumerable<string> words) => words.Distinct().Count(w => Words.Exists(c => SameWord(w, c)));

    public static int Overlap(IEnumerable<string> words, IReadOnlyCollection<string> within) =>
        words.Distinct().Count(w => within.Any(c => SameWord(w, c)));

    private NumberMention ToMention(Match match)
    {
        var value = double.Parse(match.Value.Replace(",", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        var before = Text[Math.Max(0, match.Index - 40)..match.Index];
        var after = Text[(match.Index + match.Length)..Math.Min(Text.Length, match.Index + match.Length + 20)];
        return new NumberMention(value, match.Index, Tokenize(before).TakeLast(3).ToList(), Tokenize(after).Take(1).ToList());
    }

    [GeneratedRegex(@"(?<=[.!?])\s+|\n+")]
    private static partial Regex SentenceSplit();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"([\p{Ll}\p{N}])(\p{Lu})")]
    private static partial Regex CamelBoundary();

    // A leading minus only counts after whitespace, so "2024-05-01" and "INV-2024-001" are not negative numbers.
    [GeneratedRegex(@"(?<![\p{L}\p{N}\-.])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\p{N}])|(?<![\p{L}\p{N}\-.])-?\d+(?:\.\d+)?")]
    private static partial Regex NumberPattern();
}
