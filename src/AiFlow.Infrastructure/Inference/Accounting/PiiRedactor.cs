using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace AiFlow.Infrastructure.Inference.Accounting;

/// <summary>Replaces e-mail addresses, IBANs, card numbers (Luhn-checked) and phone numbers before a prompt is stored.</summary>
public sealed partial class PiiRedactor(IOptionsMonitor<PiiOptions> options)
{
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return options.CurrentValue.Enabled ? RedactAlways(text) : text;
    }

    public static string RedactAlways(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = Email().Replace(text, "[EMAIL]");
        result = Iban().Replace(result, "[IBAN]");
        result = CardCandidate().Replace(result, m => Luhn(Digits(m.Value)) ? "[CARD]" : m.Value);
        result = PhoneCandidate().Replace(result, m => LooksLikePhone(m.Value) ? "[PHONE]" : m.Value);
        return result;
    }

    internal static bool Luhn(string digits)
    {
        if (digits.Length is < 13 or > 19) return false;
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9) d -= 9;
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static bool LooksLikePhone(string value)
    {
        var digits = Digits(value).Length;
        if (digits is < 8 or > 15) return false;
        // Dates and plain numbers are not phones: a phone starts with + or 0, or is grouped with separators.
        if (IsoDate().IsMatch(value)) return false;
        return value.StartsWith('+') || value.StartsWith('(') || value.StartsWith('0') || value.Any(c => c is ' ' or '-' or '.' or '(');
    }

    private static string Digits(string value) => new(value.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex Iban();

    [GeneratedRegex(@"(?<![\w])\d(?:[ -]?\d){12,18}(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex CardCandidate();

    [GeneratedRegex(@"(?<![\w+])\+?\(?\d[\d ().\-/]{6,}\d(?![\w])", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneCandidate();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
