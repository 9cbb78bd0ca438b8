using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Finds a schema-declared property name for an instance property without allocating.</summary>
internal sealed class PropertyNameLookup
{
    private const int LinearLimit = 12;
    private readonly byte[][] _utf8;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly bool _useDictionary;
    private readonly bool _anyBackslash;

    public PropertyNameLookup(string[] names)
    {
        Names = names;
        _utf8 = Array.ConvertAll(names, Encoding.UTF8.GetBytes);
        _useDictionary = names.Length > LinearLimit;
        _anyBackslash = names.Any(n => n.Contains('\\', StringComparison.Ordinal));
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < names.Length; i++)
        {
            map.TryAdd(names[i], i);
        }

        _lookup = map.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string[] Names { get; }

    /// <summary>Index of the declared name, or -1.</summary>
    public int IndexOf(JsonProperty property) => IndexOf(property, -1);

    /// <summary>
    /// Index of the declared name, or -1, trying <paramref name="hint"/> first: IR is mostly written in the schema's own
    /// property order, so the name after the last one found is usually the next one, and one compare settles it.
    /// </summary>
    public int IndexOf(JsonProperty property, int hint)
    {
        if (!_useDictionary)
        {
            // Unescaped names compare byte-for-byte against the raw UTF-8; escaped ones need the decoding compare.
            var raw = JsonMarshal.GetRawUtf8PropertyName(property);
            // When no declared name holds a backslash, raw bytes equal to one cannot hide an escape, so the hinted
            // compare needs no scan for escapes first (the common case: the name is the one the hint expects).
            bool hinted = (uint)hint < (uint)_utf8.Length;
            if (!_anyBackslash && hinted && raw.SequenceEqual(_utf8[hint]))
            {
                return hint;
            }

            bool escaped = raw.IndexOf((byte)'\\') >= 0;
            if (_anyBackslash && !escaped && hinted && raw.SequenceEqual(_utf8[hint]))
            {
                return hint;
            }

            for (int i = 0; i < _utf8.Length; i++)
            {
                if (escaped ? property.NameEquals(_utf8[i]) : raw.SequenceEqual(_utf8[i]))
                {
                    return i;
                }
            }

            return -1;
        }

        using var name = RentedText.OfName(property);
        return _lookup.TryGetValue(name.Span, out int index) ? index : -1;
    }
}
