namespace AiFlow.Domain.Schemas.Validation;

/// <summary>URI reference resolution with a percent-decoded fragment kept apart from the normalised base.</summary>
internal static class UriText
{
    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseUri"/>; returns "base#fragment".</summary>
    public static string Resolve(string baseUri, string reference)
    {
        int hash = reference.IndexOf('#', StringComparison.Ordinal);
        string path = hash >= 0 ? reference[..hash] : reference;
        string fragment = hash >= 0 ? Uri.UnescapeDataString(reference[(hash + 1)..]) : string.Empty;
        string resolved;
        if (path.Length == 0)
        {
            resolved = StripFragment(baseUri);
        }
        else if (HasScheme(path))
        {
            resolved = Normalize(path);
        }
        else
        {
            resolved = StripFragment(new Uri(new Uri(baseUri), path).AbsoluteUri);
        }

        return resolved + "#" + fragment;
    }

    public static string Normalize(string absolute) =>
        Uri.TryCreate(absolute, UriKind.Absolute, out var uri) ? StripFragment(uri.AbsoluteUri) : StripFragment(absolute);

    public static string StripFragment(string uri)
    {
        int hash = uri.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? uri[..hash] : uri;
    }

    public static (string Base, string Fragment) Split(string key)
    {
        int hash = key.IndexOf('#', StringComparison.Ordinal);
        return hash >= 0 ? (key[..hash], key[(hash + 1)..]) : (key, string.Empty);
    }

    /// <summary>True for "scheme:..." (RFC 3986); avoids treating "/a/b" as an absolute file URI as Uri does on Unix.</summary>
    public static bool HasScheme(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        for (int i = 1; i < text.Length; i++)
        {
            char c = text[i];
            if (c == ':')
            {
                return true;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '+' && c != '-' && c != '.')
            {
                return false;
            }
        }

        return false;
    }
}
