using System.Text.RegularExpressions;

namespace AiFlow.Domain.Retrieval.Chunking;

/// <summary>
/// Cuts a text that is longer than a chunk into pieces that each fit: at line breaks first, then sentence ends, then
/// words, and only as a last resort inside a word (a URL or a hash can be hundreds of word pieces on its own).
/// </summary>
internal static partial class TextSplitter
{
    public static IEnumerable<string> Split(string text, int maxTokens, ITokenCounter tokens)
    {
        // Pieces are packed greedily per level; a piece that still does not fit goes one level finer.
        var output = new List<string>();
        SplitInto(text, 0, maxTokens, tokens, output);
        return output;
    }

    private static void SplitInto(string text, int level, int maxTokens, ITokenCounter tokens, List<string> output)
    {
        if (tokens.Count(text) <= maxTokens)
        {
            output.Add(text);
            return;
        }

        if (level >= Separators.Length)
        {
            SplitInsideWord(text, maxTokens, tokens, output);
            return;
        }

        var parts = Separators[level](text);
        if (parts.Count <= 1)
        {
            SplitInto(text, level + 1, maxTokens, tokens, output);
            return;
        }

        var joiner = level == 0 ? "\n" : " ";
        var current = new List<string>();
        var currentTokens = 0;
        foreach (var part in parts)
        {
            var partTokens = tokens.Count(part);
            if (partTokens > maxTokens)
            {
                Flush();
                SplitInto(part, level + 1, maxTokens, tokens, output);
                continue;
            }

            if (currentTokens + partTokens > maxTokens)
            {
                Flush();
            }

            current.Add(part);
            currentTokens += partTokens;
        }

        Flush();

        void Flush()
        {
            if (current.Count > 0)
            {
                output.Add(string.Join(joiner, current));
                current.Clear();
                currentTokens = 0;
            }
        }
    }

    private static readonly Func<string, IReadOnlyList<string>>[] Separators =
    [
        text => NonEmpty(text.Split('\n')),
        text => NonEmpty(SentenceEnd().Split(text)),
        text => NonEmpty(text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)),
    ];

    private static List<string> NonEmpty(IEnumerable<string> parts) =>
        parts.Select(p => p.Trim()).Where(p => p.Length > 0).ToList();

    /// <summary>Cuts by characters, proportionally to the token count, so even one huge "word" ends up in pieces that fit.</summary>
    private static void SplitInsideWord(string text, int maxTokens, ITokenCounter tokens, List<string> output)
    {
        var rest = text;
        while (rest.Length > 0)
        {
            var length = rest.Length;
            while (length > 1 && tokens.Count(rest[..length]) > maxTokens)
            {
                length = Math.Max(1, length * maxTokens / Math.Max(tokens.Count(rest[..length]), maxTokens + 1));
            }

            output.Add(rest[..length]);
            rest = rest[length..];
        }
    }

    // A sentence ends at . ! ? or … followed by white space; the terminator stays with its sentence.
    [GeneratedRegex(@"(?<=[.!?…])\s+")]
    private static partial Regex SentenceEnd();
}
