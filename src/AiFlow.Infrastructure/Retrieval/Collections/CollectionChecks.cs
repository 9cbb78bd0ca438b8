using System.Text.RegularExpressions;
using AiFlow.Domain.Common;
using AiFlow.Domain.Retrieval;

namespace AiFlow.Infrastructure.Retrieval.Collections;

/// <summary>The checks a collection's key and settings pass before anything is written; pure, each problem at its field.</summary>
public static partial class CollectionChecks
{
    /// <summary>pgvector's HNSW index takes vectors of at most 2,000 dimensions.</summary>
    public const int MaxDimensions = 2000;

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,99}$")]
    private static partial Regex KeyPattern();

    public static FieldProblem? Key(string? key) =>
        string.IsNullOrWhiteSpace(key) ? new("/key", "key is required: lower-case letters, digits, - and _ (e.g. product-manuals).")
        : !KeyPattern().IsMatch(key) ? new("/key", $"'{Shorten(key)}' is not a collection key: use 1 to 100 lower-case letters, digits, - and _, starting with a letter or digit.")
        : null;

    /// <summary>The problems of <paramref name="settings"/> applied over <paramref name="current"/> (a new collection's defaults on create).</summary>
    public static List<FieldProblem> Settings(CollectionSettings settings, Collection current)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(current);
        var problems = new List<FieldProblem>();
        var name = settings.Name ?? current.Name;
        if (string.IsNullOrWhiteSpace(name)) problems.Add(new("/name", "name is required."));
        else if (name.Length > 200) problems.Add(new("/name", "name is at most 200 characters."));
        if (settings.EmbeddingModel is { } model && (model.Trim().Length == 0 || model.Length > 200))
        {
            problems.Add(new("/embeddingModel", "embeddingModel is the model name sent to the embedding endpoint: 1 to 200 characters."));
        }
        var dimensions = settings.Dimensions ?? current.Dimensions;
        if (dimensions is < 1 or > MaxDimensions) problems.Add(new("/dimensions", $"dimensions is a whole number from 1 to {MaxDimensions} (pgvector's HNSW limit)."));
        var max = settings.ChunkMaxTokens ?? current.ChunkMaxTokens;
        if (max is < 16 or > 8192) problems.Add(new("/chunkMaxTokens", "chunkMaxTokens is a whole number from 16 to 8192."));
        var overlap = settings.ChunkOverlapTokens ?? current.ChunkOverlapTokens;
        if (overlap < 0 || overlap > max / 2) problems.Add(new("/chunkOverlapTokens", $"chunkOverlapTokens is a whole number from 0 to half of chunkMaxTokens ({max / 2})."));
        var ef = settings.DefaultEfSearch ?? current.DefaultEfSearch;
        if (ef is < 1 or > 1000) problems.Add(new("/defaultEfSearch", "defaultEfSearch is a whole number from 1 to 1000."));
        return problems;
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
