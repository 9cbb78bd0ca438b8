using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

// "meeting_notes_q3.wav" → "meeting notes q3": lets demos steer transcripts and image captions by file name.
internal static partial class FileNameWords
{
    public static string From(string? fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? string.Empty);
        return Separators().Replace(stem, " ").Trim();
    }

    [GeneratedRegex(@"[\s_\-.+]+")]
    private static partial Regex Separators();
}
