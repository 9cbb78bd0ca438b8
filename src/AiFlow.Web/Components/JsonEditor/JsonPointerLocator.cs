using System.Text;
using System.Text.Json;

namespace AiFlow.Web.Components.JsonEditor;

/// <summary>
/// Finds where JSON Pointers land in JSON text, so errors can be underlined in the editor: a property's range runs
/// from its name to the end of a scalar value, or to the opening bracket of an object or array (the whole block
/// would underline half the document).
/// </summary>
public static class JsonPointerLocator
{
    private static readonly JsonReaderOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>The range of each pointer found; pointers not in the text, or past a syntax error, are left out.</summary>
    public static IReadOnlyDictionary<string, TextRange> Locate(string json, IEnumerable<string> pointers)
    {
        var wanted = pointers.ToHashSet(StringComparer.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(json);
        var found = new Dictionary<string, (long Start, long End)>(StringComparer.Ordinal);
        if (wanted.Count > 0) Scan(bytes, wanted, found);
        return ToRanges(json, found);
    }

    private sealed class Frame(string pointer, bool isArray)
    {
        public string Pointer { get; } = pointer;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string Name { get; set; } = "";
        public long NameStart { get; set; }
    }

    private static void Scan(byte[] bytes, HashSet<string> wanted, Dictionary<string, (long Start, long End)> found)
    {
        var reader = new Utf8JsonReader(bytes, Lenient);
        var stack = new Stack<Frame>();
        try
        {
            while (found.Count < wanted.Count && reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        stack.Peek().Name = reader.GetString()!;
                        stack.Peek().NameStart = reader.TokenStartIndex;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        var parent = stack.Count > 0 ? stack.Peek() : null;
                        var pointer = parent is null ? "" : parent.IsArray ? $"{parent.Pointer}/{parent.Index++}" : $"{parent.Pointer}/{Escape(parent.Name)}";
                        var container = reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
                        if (wanted.Contains(pointer))
                        {
                            var start = parent is { IsArray: false } ? parent.NameStart : reader.TokenStartIndex;
                            found[pointer] = (start, container ? reader.TokenStartIndex + 1 : reader.BytesConsumed);
                        }
                        if (container) stack.Push(new Frame(pointer, reader.TokenType == JsonTokenType.StartArray));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Text being typed is often broken half-way: keep what was found before the error.
        }
    }

    /// <summary>One pass over the text turns UTF-8 byte offsets into lines and UTF-16 columns.</summary>
    private static Dictionary<string, TextRange> ToRanges(string json, Dictionary<string, (long Start, long End)> found)
    {
        var offsets = found.Values.SelectMany(v => new[] { v.Start, v.End }).Distinct().Order().ToList();
        var positions = new Dictionary<long, (int Line, int Column)>();
        int line = 1, column = 1, next = 0;
        long offset = 0;
        for (var i = 0; next < offsets.Count; i++)
        {
            while (next < offsets.Count && offsets[next] <= offset) positions[offsets[next++]] = (line, column);
            if (i >= json.Length) break;
            var c = json[i];
            offset += c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        while (next < offsets.Count) positions[offsets[next++]] = (line, column);
        return found.ToDictionary(f => f.Key, f =>
        {
            var (startLine, startColumn) = positions[f.Value.Start];
            var (endLine, endColumn) = positions[f.Value.End];
            return new TextRange(startLine, startColumn, endLine, endColumn);
        }, StringComparer.Ordinal);
    }

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
