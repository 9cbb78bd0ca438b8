using AiFlow.Domain.Common;
using AiFlow.Infrastructure.Retrieval.Collections;

namespace AiFlow.Infrastructure.Retrieval.Ingestion;

/// <summary>What an upload must be before anything is stored: pure, each problem at its field.</summary>
public static class UploadChecks
{
    public const int MaxNameLength = 1000;
    public const int MaxWords = 50;
    public const int MaxWordLength = 100;

    public static IEnumerable<FieldProblem> Files(IReadOnlyList<IncomingFile> files, IngestionOptions options)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(options);
        if (files.Count == 0)
        {
            yield return new("/files", "files is empty: send at least one file (multipart field 'files').");
            yield break;
        }
        if (files.Count > options.MaxFilesPerRequest) yield return new("/files", $"{files.Count} files is more than the {options.MaxFilesPerRequest} one request takes.");
        var total = files.Sum(f => f.Bytes.LongLength);
        if (total > options.MaxUploadBytes) yield return new("/files", $"The files hold {total:N0} bytes; the limit is {options.MaxUploadBytes:N0}.");
        for (var i = 0; i < files.Count; i++)
        {
            var name = CleanName(files[i].FileName);
            if (name.Length == 0) yield return new($"/files/{i}", $"File {i + 1} has no name.");
            else if (name.Length > MaxNameLength) yield return new($"/files/{i}", $"File {i + 1}'s name is longer than {MaxNameLength} characters.");
            else if (name.Any(char.IsControl)) yield return new($"/files/{i}", $"File {i + 1}'s name holds a control character.");
        }
    }

    public static IEnumerable<FieldProblem> Manifest(DocumentManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.Licence is { Length: > 1000 }) yield return new("/licence", "licence is at most 1,000 characters.");
        if (manifest.Source is { Length: > 2000 }) yield return new("/source", "source is at most 2,000 characters.");
        foreach (var problem in WordProblems("allowedUses", manifest.AllowedUses)) yield return problem;
        foreach (var problem in WordProblems("tags", manifest.Tags)) yield return problem;
    }

    /// <summary>An uploaded name without any folder part a browser or client sent along (a URL or a server path is kept whole).</summary>
    public static string CleanName(string? name)
    {
        var text = (name ?? "").Trim();
        if (text.Contains("://", StringComparison.Ordinal) || text.StartsWith('/')) return text;
        return Path.GetFileName(text.Replace('\\', '/')).Trim();
    }

    /// <summary>Tags and allowed uses: trimmed, lower-case, without blanks or repeats, in the order given.</summary>
    public static List<string> Words(IReadOnlyList<string>? words) =>
        words is null ? [] : [.. words.Where(w => !string.IsNullOrWhiteSpace(w)).Select(w => w.Trim().ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    private static IEnumerable<FieldProblem> WordProblems(string field, IReadOnlyList<string>? words)
    {
        if (words is null) yield break;
        if (words.Count > MaxWords) yield return new($"/{field}", $"{field} holds at most {MaxWords} entries.");
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i] is { Length: > MaxWordLength }) yield return new($"/{field}/{i}", $"Each of {field} is at most {MaxWordLength} characters.");
            else if (words[i] is { } w && w.Any(char.IsControl)) yield return new($"/{field}/{i}", $"{field} holds a control character.");
        }
    }
}
