using System.Globalization;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>Host, address and e-mail checks (RFC 1123, RFC 2673/4291, RFC 5321 simplified).</summary>
internal static class NetworkFormats
{
    private static readonly System.Buffers.SearchValues<char> s_atext = System.Buffers.SearchValues.Create("!#$%&'*+-/=?^_`{|}~.");

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
        // RFC 4291 text form: 8 groups, or fewer around a single "::"; an IPv4 tail counts as two groups.
        int gap = text.IndexOf("::", StringComparison.Ordinal);
        if (gap >= 0 && text.IndexOf("::", gap + 1, StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        if (gap < 0)
        {
            return CountGroups(text, allowIPv4: true) == 8;
        }

        int head = CountGroups(text[..gap], allowIPv4: false);
        int tail = CountGroups(text[(gap + 2)..], allowIPv4: true);
        return head >= 0 && tail >= 0 && head + tail <= 7;
    }

    public static bool IsEmail(string text)
    {
        // RFC 5321 mailbox: dot-atom or quoted-string local part; hostname or address literal domain.
        int at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return false;
        }

        string local = text[..at];
        string domain = text[(at + 1)..];
        if (!IsQuotedString(local) && !IsDotAtom(local))
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

    private static bool IsDotAtom(string local)
    {
        if (local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (char c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !s_atext.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsQuotedString(string local)
    {
        if (local.Length < 2 || local[0] != '"' || local[^1] != '"')
        {
            return false;
        }

        for (int i = 1; i < local.Length - 1; i++)
        {
            char c = local[i];
            if (c == '\\')
            {
                i++;
                if (i >= local.Length - 1 || local[i] < ' ' || local[i] > '~')
                {
                    return false;
                }
            }
            else if (c < ' ' || c > '~' || c == '"')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Number of 16-bit groups in a colon-separated run, or -1 when malformed.</summary>
    private static int CountGroups(string run, bool allowIPv4)
    {
        if (run.Length == 0)
        {
            return 0;
        }

        var groups = run.Split(':');
        int count = 0;
        for (int i = 0; i < groups.Length; i++)
        {
            var group = groups[i];
            if (allowIPv4 && i == groups.Length - 1 && group.Contains('.', StringComparison.Ordinal))
            {
                if (!IsIPv4(group))
                {
                    return -1;
                }

                count += 2;
                continue;
            }

            if (group.Length is 0 or > 4 || !group.All(char.IsAsciiHexDigit))
            {
                return -1;
            }

            count++;
        }

        return count;
    }
}
