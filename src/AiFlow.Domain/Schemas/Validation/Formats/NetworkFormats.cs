using System.Globalization;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Host, address and e-mail checks (RFC 1123, RFC 2673/4291, RFC 5321 simplified).</summary>
internal static class NetworkFormats
{
    private static readonly System.Buffers.SearchValues<char> s_specials = System.Buffers.SearchValues.Create("()<>[]:;@\\,\" ");

    public static bool IsHostname(string text)
    {
        if (text.Length == 0 || text.Length > 253)
        {
            return false;
        }

        foreach (var label in text.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (char c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            // "xn--" labels must be valid punycode; a "--" in positions 3-4 is reserved otherwise.
            if (label.Length >= 4 && label[2] == '-' && label[3] == '-' && !label.StartsWith("xn--", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (part.Length is 0 or > 3 || (part.Length > 1 && part[0] == '0')
                || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value > 255)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsIPv6(string text)
    {
        if (text.Length == 0 || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c != ':' && c != '.')
            {
                return false;
            }
        }

        return System.Net.IPAddress.TryParse(text, out var address)
            && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
    }

    public static bool IsEmail(string text)
    {
        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }

        string local = text[..at];
        string domain = text[(at + 1)..];
        if (local.StartsWith('"') && local.EndsWith('"') && local.Length >= 2)
        {
            // quoted local part: anything printable
        }
        else if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || local.AsSpan().IndexOfAny(s_specials) >= 0)
        {
            return false;
        }

        if (domain.StartsWith('[') && domain.EndsWith(']'))
        {
            string literal = domain[1..^1];
            return literal.StartsWith("IPv6:", StringComparison.Ordinal) ? IsIPv6(literal[5..]) : IsIPv4(literal);
        }

        return IsHostname(domain);
    }
}
