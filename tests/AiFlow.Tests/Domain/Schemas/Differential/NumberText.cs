using System.Globalization;

namespace AiFlow.Tests.Domain.Schemas.Differential;

/// <summary>
/// JSON number text compared by value without any lossy type in between, to tell which numbers System.Decimal or
/// double cannot hold exactly (the referee's known differences turn on exactly that).
/// </summary>
internal static class NumberText
{
    /// <summary>Sign, significand without leading or trailing zeros, and exponent (<c>-15e-1</c>); <c>0</c> for zero.</summary>
    public static (string Significand, long Exponent) Canonical(string text)
    {
        var negative = text.StartsWith('-');
        var body = negative ? text[1..] : text;
        var e = body.IndexOfAny(['e', 'E']);
        var exponent = e < 0 ? 0 : long.Parse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = e < 0 ? body : body[..e];
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        exponent -= point < 0 ? 0 : mantissa.Length - point - 1;
        var digits = (point < 0 ? mantissa : mantissa.Remove(point, 1)).TrimStart('0');
        if (digits.Length == 0)
        {
            return ("0", 0);
        }

        var significand = digits.TrimEnd('0');
        return ((negative ? "-" : string.Empty) + significand, exponent + digits.Length - significand.Length);
    }

    /// <summary>The number as a decimal, or null when a decimal cannot hold it exactly (1e30, 1e-30, 31 digits).</summary>
    public static decimal? ToDecimal(string text) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && Canonical(value.ToString(CultureInfo.InvariantCulture)) == Canonical(text) ? value : null;

    /// <summary>Whether the number has a non-zero digit after the point (12345678901234567889.5 does, 1.50e1 does not).</summary>
    public static bool HasFraction(string text) => Canonical(text).Exponent < 0;
}
