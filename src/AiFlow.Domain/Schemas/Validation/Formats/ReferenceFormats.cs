using System.Text.RegularExpressions;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>URI, UUID, regex and JSON Pointer checks.</summary>
internal static class ReferenceFormats
{
    // RFC 3986 Appendix A, ASCII only.
    private const string Pct = "%[0-9A-Fa-f]{2}";
    private const string PChar = "(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|" + Pct + ")";
    private const string Authority = "(?:(?:[A-Za-z0-9._~!$&'()*+,;=:-]|" + Pct + ")*@)?"
        + "(?:\\[[0-9A-Fa-f:.]+\\]|\\[v[0-9A-Fa-f]+\\.[A-Za-z0-9._~!$&'()*+,;=:-]+\\]|(?:[A-Za-z0-9._~!$&'()*+,;=-]|" + Pct + ")*)"
        + "(?::[0-9]*)?";

    private const string PathAbEmpty = "(?:/" + PChar + "*)*";
    private const string PathAbsolute = "/(?:" + PChar + "+(?:/" + PChar + "*)*)?";
    private const string PathRootless = PChar + "+(?:/" + PChar + "*)*";
    private const string PathNoScheme = "(?:[A-Za-z0-9._~!$&'()*+,;=@-]|" + Pct + ")+(?:/" + PChar + "*)*";
    private const string QueryAndFragment = "(?:\\?(?:" + PChar + "|[/?])*)?(?:#(?:" + PChar + "|[/?])*)?";

    private static readonly Regex s_uri = Create(
        "^[A-Za-z][A-Za-z0-9+.-]*:(?://" + Authority + PathAbEmpty + "|" + PathAbsolute + "|" + PathRootless + "|)" + QueryAndFragment + "\\z");

    private static readonly Regex s_relativeReference = Create(
        "^(?://" + Authority + PathAbEmpty + "|" + PathAbsolute + "|" + PathNoScheme + "|)" + QueryAndFragment + "\\z");

    private static Regex Create(string pattern) =>
        new(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

    /// <summary>An IPv6 literal host must be a real IPv6 address.</summary>
    private static bool BracketedHostsAreValid(string text)
    {
        int start = text.IndexOf("//[", StringComparison.Ordinal);
        if (start < 0)
        {
            return true;
        }

        int end = text.IndexOf(']', start);
        if (end < 0)
        {
            return false;
        }

        string literal = text[(start + 3)..end];
        return literal.StartsWith('v') || NetworkFormats.IsIPv6(literal);
    }

    public static bool IsUri(string text) => s_uri.IsMatch(text) && BracketedHostsAreValid(text);

    public static bool IsUriReference(string text) =>
        (s_uri.IsMatch(text) || s_relativeReference.IsMatch(text)) && BracketedHostsAreValid(text);

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
