using System.Text.Json.Nodes;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Answers for requests without a schema: short, deterministic, recognisably about the question.
internal static class TextAnswer
{
    public static string For(string question)
    {
        var corpus = new PromptCorpus(question);
        if (corpus.IsEmpty)
        {
            return "Simulated answer: the request contained no text.";
        }

        var keywords = Keywords(question);
        var about = keywords.Count switch
        {
            0 => "your request",
            1 => keywords[0],
            _ => string.Join(", ", keywords.Take(keywords.Count - 1)) + " and " + keywords[^1],
        };
        var first = corpus.Sentences[0];
        first = first.Length > 200 ? first[..200] : first;
        return $"Simulated answer about {about}. You wrote: \"{first}\"";
    }

    public static string JsonObjectFor(string question) => new JsonObject
    {
        ["answer"] = For(question),
        ["keywords"] = new JsonArray(Keywords(question).Select(k => (JsonNode?)JsonValue.Create(k)).ToArray()),
    }.ToJsonString();

    // The three most frequent content words, ties broken by first appearance.
    private static List<string> Keywords(string text) =>
        PromptCorpus.Tokenize(text)
            .Where(w => w.Length > 3)
            .Select((w, i) => (w, i))
            .GroupBy(x => x.w, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.First().i)
            .Take(3)
            .Select(g => g.Key)
            .ToList();
}
