using System.Text;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Rewrites an ECMA-262 pattern (what JSON Schema specifies) into .NET syntax: ASCII \d and \w,
/// `$` only at the very end, `.` excluding all line terminators, long Unicode property names.
/// </summary>
internal static class EcmaRegexTranslator
{
    private static readonly Dictionary<string, string> s_categories = new(StringComparer.Ordinal)
    {
        ["Letter"] = "L", ["Cased_Letter"] = "L", ["Uppercase_Letter"] = "Lu", ["Lowercase_Letter"] = "Ll",
        ["Titlecase_Letter"] = "Lt", ["Modifier_Letter"] = "Lm", ["Other_Letter"] = "Lo",
        ["Mark"] = "M", ["Combining_Mark"] = "M", ["Nonspacing_Mark"] = "Mn", ["Spacing_Mark"] = "Mc", ["Enclosing_Mark"] = "Me",
        ["Number"] = "N", ["Decimal_Number"] = "Nd", ["digit"] = "Nd", ["Letter_Number"] = "Nl", ["Other_Number"] = "No",
        ["Punctuation"] = "P", ["punct"] = "P", ["Connector_Punctuation"] = "Pc", ["Dash_Punctuation"] = "Pd",
        ["Open_Punctuation"] = "Ps", ["Close_Punctuation"] = "Pe", ["Initial_Punctuation"] = "Pi",
        ["Final_Punctuation"] = "Pf", ["Other_Punctuation"] = "Po",
        ["Symbol"] = "S", ["Math_Symbol"] = "Sm", ["Currency_Symbol"] = "Sc", ["Modifier_Symbol"] = "Sk", ["Other_Symbol"] = "So",
        ["Separator"] = "Z", ["Space_Separator"] = "Zs", ["Line_Separator"] = "Zl", ["Paragraph_Separator"] = "Zp",
        ["Other"] = "C", ["Control"] = "Cc", ["cntrl"] = "Cc", ["Format"] = "Cf", ["Surrogate"] = "Cs",
        ["Private_Use"] = "Co", ["Unassigned"] = "Cn",
    };

    private const string EcmaLetterEscapes = "bBdDwWsStnvfrcxukpP";

    public static string Translate(string pattern)
    {
        var output = new StringBuilder(pattern.Length + 16);
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                i = TranslateEscape(pattern, i, inClass, output);
                continue;
            }

            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }

                output.Append(c);
                continue;
            }

            switch (c)
            {
                case '[':
                    if (string.CompareOrdinal(pattern, i, "[^]", 0, 3) == 0)
                    {
                        output.Append(@"[\s\S]");
                        i += 2;
                    }
                    else if (string.CompareOrdinal(pattern, i, "[]", 0, 2) == 0)
                    {
                        output.Append(@"[^\s\S]");
                        i += 1;
                    }
                    else
                    {
                        inClass = true;
                        output.Append(c);
                        if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                        {
                            output.Append('^');
                            i++;
                        }

                        // A leading ']' is literal in .NET but ends an empty class in ECMA; escape it to keep ECMA meaning simple.
                        if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                        {
                            output.Append(@"\]");
                            i++;
                        }
                    }

                    break;
                case '(':
                    CheckGroup(pattern, i);
                    output.Append(c);
                    break;
                case '$':
                    output.Append(@"\z");
                    break;
                case '.':
                    output.Append(@"[^\n\r\u2028\u2029]");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        return output.ToString();
    }

    /// <summary>ECMA-262 only knows (?:, (?=, (?!, (?&lt;=, (?&lt;! and (?&lt;name&gt;; .NET extras such as (?i) or (?#) are errors.</summary>
    private static void CheckGroup(string pattern, int i)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            return;
        }

        var rest = pattern.AsSpan(i + 2);
        bool ecma = rest.StartsWith(":") || rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!")
            || (rest.StartsWith("<") && rest.Length > 1 && (char.IsAsciiLetter(rest[1]) || rest[1] is '_' or '$'));
        if (!ecma)
        {
            throw new ArgumentException($"`(?{(rest.Length > 0 ? rest[0] : ' ')}` is not ECMA-262 group syntax");
        }
    }

    private static int TranslateEscape(string pattern, int i, bool inClass, StringBuilder output)
    {
        char next = pattern[i + 1];
        if (char.IsAsciiLetter(next) && !EcmaLetterEscapes.Contains(next, StringComparison.Ordinal))
        {
            throw new ArgumentException($"`\\{next}` is not an ECMA-262 escape");
        }

        switch (next)
        {
            case 'd':
                output.Append(inClass ? "0-9" : "[0-9]");
                return i + 1;
            case 'D':
                output.Append(inClass ? @"\P{Nd}" : "[^0-9]");
                return i + 1;
            case 'w':
                output.Append(inClass ? "a-zA-Z0-9_" : "[a-zA-Z0-9_]");
                return i + 1;
            case 'W':
                output.Append(inClass ? @"\W" : "[^a-zA-Z0-9_]");
                return i + 1;
            case 's':
                output.Append(inClass ? @"\s\uFEFF" : @"[\s\uFEFF]");
                return i + 1;
            case 'S':
                output.Append(inClass ? @"\S" : @"[^\s\uFEFF]");
                return i + 1;
            case 'p' or 'P' when i + 2 < pattern.Length && pattern[i + 2] == '{':
                int close = pattern.IndexOf('}', i + 3);
                if (close > 0)
                {
                    string name = pattern[(i + 3)..close];
                    int eq = name.IndexOf('=', StringComparison.Ordinal);
                    if (eq >= 0)
                    {
                        // Script=Greek / General_Category=Letter: .NET only knows blocks and categories.
                        string key = name[..eq];
                        string value = name[(eq + 1)..];
                        name = key is "Script" or "sc" or "Script_Extensions" or "scx" ? "Is" + value : value;
                    }

                    output.Append('\\').Append(next).Append('{').Append(s_categories.GetValueOrDefault(name, name)).Append('}');
                    return close;
                }

                break;
            default:
                break;
        }

        output.Append('\\').Append(next);
        return i + 1;
    }
}
