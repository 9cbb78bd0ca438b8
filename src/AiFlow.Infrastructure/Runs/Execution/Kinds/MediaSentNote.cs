using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Runs.Execution.Kinds;

/// <summary>
/// The lines a media step appends to its rendered prompt, one per media part sent ("[media input.imageIds[0]:
/// 0199… image/png 64x48]"), and the reader the run inspector and review panel use to find the media again.
/// </summary>
public static partial class MediaSentNote
{
    public static string Line(string path, Guid id, string mimeType, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"\n[media {path}: {id} {mimeType} {detail}]");

    public static string Lines(IEnumerable<string> lines)
    {
        var text = new StringBuilder("\n");
        foreach (var line in lines) text.Append(line);
        return text.ToString();
    }

    /// <summary>The media ids a rendered prompt records as sent, in order, without repeats.</summary>
    public static IReadOnlyList<Guid> Ids(string? renderedPrompt) =>
        renderedPrompt is null ? [] : [.. Sent().Matches(renderedPrompt).Select(m => Guid.Parse(m.Groups["id"].Value)).Distinct()];

    [GeneratedRegex(@"^\[media [^:\n]+: (?<id>[0-9a-fA-F-]{36}) ", RegexOptions.Multiline)]
    private static partial Regex Sent();
}
