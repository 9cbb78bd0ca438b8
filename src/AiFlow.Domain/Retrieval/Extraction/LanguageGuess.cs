namespace AiFlow.Domain.Retrieval.Extraction;

/// <summary>
/// Tells English, German, French and Spanish apart by counting their commonest function words, which make up a large
/// share of any running text in those languages. Returns null for too little text or a close vote: a wrong language
/// would pick the wrong full-text stemmer, which is worse than the collection's default.
/// </summary>
public static class LanguageGuess
{
    private const int MinimumVotes = 5;
    private const int WordsRead = 5_000;

    private static readonly Dictionary<string, HashSet<string>> StopWords = new()
    {
        ["en"] = ["the", "and", "of", "to", "is", "in", "that", "it", "with", "for", "this", "are", "was", "be", "on", "not", "you", "which", "or", "by"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "mit", "von", "den", "zu", "ein", "eine", "auf", "sich", "dem", "auch", "es", "wird", "sind", "für"],
        ["fr"] = ["le", "la", "les", "et", "est", "des", "une", "du", "que", "dans", "pour", "qui", "pas", "sur", "au", "avec", "ce", "sont", "il", "ne"],
        ["es"] = ["el", "los", "las", "y", "es", "una", "del", "que", "en", "por", "con", "para", "se", "al", "lo", "como", "su", "pero", "está", "son"],
    };

    public static string? Guess(string text)
    {
        var votes = StopWords.Keys.ToDictionary(k => k, _ => 0);
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(WordsRead))
        {
            var normalised = word.Trim(',', '.', ';', ':', '!', '?', '"', '\'', '(', ')', '«', '»', '¿', '¡').ToLowerInvariant();
            foreach (var (language, words) in StopWords)
            {
                if (words.Contains(normalised))
                {
                    votes[language]++;
                }
            }
        }

        var ranked = votes.OrderByDescending(v => v.Value).ToList();
        var (best, second) = (ranked[0], ranked[1]);
        // Unsure when few votes were cast or the runner-up is close (shared words like "es" or "que" blur short texts).
        return best.Value >= MinimumVotes && best.Value >= 2 * second.Value ? best.Key : null;
    }
}
