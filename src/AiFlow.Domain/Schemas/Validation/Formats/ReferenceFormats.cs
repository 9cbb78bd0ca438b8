namespace AiFlow.Domain.Schemas.Validation;

/// <summary>URI, UUID, regex and JSON Pointer checks.</summary>
internal static class ReferenceFormats
{
    public static bool IsUri(string text) =>
        UriText.HasScheme(text) && IsUriReference(text);

    public static bool IsUriReference(string text)
    {
        foreach (char c in text)
        {
            // RFC 3986 excludes spaces, controls, non-ASCII (that would be an IRI) and a few delimiters.
            if (c <= ' ' || c > '~' || c is '"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}')
            {
                return false;
            }
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '%' && (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2])))
            {
                return false;
            }
        }

        if (text.Count(c => c == '#') > 1)
        {
            return false;
        }

        return Uri.TryCreate(text, UriText.HasScheme(text) ? UriKind.Absolute : UriKind.RelativeOrAbsolute, out _);
    }

    public static bool IsUuid(string text)
    {
        if (text.Length != 36)
        {
            return false;
        }

        for (int i = 0; i < 36; i++)
        {
            bool dash = i is 8 or 13 or 18 or 23;
            if (dash ? text[i] != '-' : !char.IsAsciiHexDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsRegex(string text) =>
        EcmaRegex.TryCreate(text, TimeSpan.FromMilliseconds(100), out _) is not null;

    public static bool IsJsonPointer(string text)
    {
        if (text.Length > 0 && text[0] != '/')
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '~' && (i + 1 >= text.Length || (text[i + 1] != '0' && text[i + 1] != '1')))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsRelativeJsonPointer(string text)
    {
        int i = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        if (i == 0 || (i > 1 && text[0] == '0'))
        {
            return false;
        }

        string rest = text[i..];
        return rest == "#" || IsJsonPointer(rest);
    }
}
