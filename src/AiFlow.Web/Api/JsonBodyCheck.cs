using System.Text.Json;
using System.Text.Unicode;

namespace AiFlow.Web.Api;

/// <summary>
/// One pass over a request body before anything parses it for real: well-formed JSON in valid UTF-8, no deeper than
/// <see cref="MaxDepth"/>, no duplicate member in any object, no string (value or member name) holding U+0000 or a
/// lone surrogate, and every number finite as a double and at most <see cref="MaxNumberLength"/> characters. The first
/// fault found is named by the JSON pointer of the value that holds it.
/// </summary>
internal static class JsonBodyCheck
{
    public const int MaxDepth = 64;
    public const int MaxNumberLength = 100;

    public readonly record struct Fault(string Pointer, string Title, string? Detail = null);

    private sealed class Frame(bool isArray)
    {
        public bool IsArray { get; } = isArray;
        public int Index { get; set; } = -1;
        public string? Member { get; set; }
        public HashSet<string> Members { get; } = new(StringComparer.Ordinal);
    }

    public static Fault? Find(ReadOnlySpan<byte> utf8)
    {
        if (utf8.IsEmpty) return new Fault("", "The body is empty; send a JSON document.");
        if (!Utf8.IsValid(utf8)) return new Fault("", "The body is not valid UTF-8.");
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        var frames = new List<Frame>();
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                    && frames.Count > 0 && frames[^1].IsArray)
                {
                    frames[^1].Index++;
                }
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        frames.Add(new Frame(reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        var frame = frames[^1];
                        if (Text(ref reader) is not { } name) return BadString(frames, "A member name");
                        frame.Member = name;
                        if (!frame.Members.Add(name)) return new Fault(Pointer(frames), $"The member \"{name}\" appears twice in one object.");
                        break;
                    case JsonTokenType.String:
                        if (Text(ref reader) is null) return BadString(frames, "A string");
                        break;
                    case JsonTokenType.Number:
                        if (reader.ValueSpan.Length > MaxNumberLength || !reader.TryGetDouble(out var number) || !double.IsFinite(number))
                        {
                            return new Fault(Pointer(frames), $"{Where(frames)} must be a number of at most {MaxNumberLength} characters that fits a double (no 1e400).");
                        }
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            return new Fault(Pointer(frames), "The body is not valid JSON.", $"Line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message}");
        }
        return null;
    }

    /// <summary>The token's text, or null when it holds U+0000 or a lone surrogate (which PostgreSQL and UTF-8 cannot carry).</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped) return reader.GetString();
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0') return null;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return null;
        }
        return text;
    }

    private static Fault BadString(List<Frame> frames, string what) =>
        new(Pointer(frames), $"{what} at {Display(Pointer(frames))} holds \\u0000 or a lone surrogate; neither is accepted.");

    private static string Where(List<Frame> frames) => Display(Pointer(frames));

    private static string Display(string pointer) => pointer.Length == 0 ? "The body" : pointer;

    private static string Pointer(List<Frame> frames)
    {
        var pointer = new System.Text.StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.IsArray && frame.Index >= 0) pointer.Append('/').Append(frame.Index);
            else if (!frame.IsArray && frame.Member is { } member) pointer.Append('/').Append(Escape(member));
        }
        return pointer.ToString();
    }

    internal static string Escape(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
