using System.Buffers;
using System.Globalization;
using System.Numerics;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// Exact arithmetic on the text of JSON numbers, read as ±significand × 10^exponent. The spec's numbers are
/// arbitrary-precision decimals (Core §4.2.1), but decimal silently rounds 1e-30 to 0 and
/// 0.1000000000000000000000000000001 to 0.1 and cannot hold 1e30, and double calls every value above 2^53 whole
/// (so 1e30 was a "multiple of 3"). Up to 19 significant digits everything runs on ulong/UInt128 and allocates
/// nothing; longer significands use BigInteger.
/// </summary>
internal static class ExactDecimal
{
    private const int MaxSmallDigits = 19;
    private const long ExponentLimit = 1_000_000_000_000_000;

    /// <summary>True when <paramref name="value"/> ÷ <paramref name="divisor"/> (greater than 0) is an integer.</summary>
    public static bool IsMultiple(in Parts value, in Parts divisor)
    {
        if (value.IsZero)
        {
            return true;
        }

        return value.Big is null && divisor.Big is null
            ? IsMultiple(value.Small, divisor.Small, value.Exponent - divisor.Exponent)
            : IsMultiple(value.Significand, divisor.Significand, value.Exponent - divisor.Exponent);
    }

    /// <summary>Sign of <paramref name="x"/> − <paramref name="y"/>.</summary>
    public static int Compare(in Parts x, in Parts y)
    {
        int sign = x.Sign;
        if (sign != y.Sign || sign == 0)
        {
            return sign.CompareTo(y.Sign);
        }

        return sign * CompareMagnitudes(x, y);
    }

    /// <inheritdoc cref="Compare(in Parts, in Parts)"/>
    public static int Compare(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y) => Compare(Read(x), Read(y));

    /// <summary>Whether the number has no fractional part (1.0, 1e2 and 1.5e1 do; 1e-30 does not).</summary>
    public static bool IsInteger(ReadOnlySpan<byte> number)
    {
        // Trailing zeros are already in the exponent, so a negative exponent means a non-zero digit after the point.
        var parts = Read(number);
        return parts.IsZero || parts.Exponent >= 0;
    }

    /// <summary>Whether a·10^k is a multiple of b, for a &gt; 0.</summary>
    private static bool IsMultiple(ulong a, ulong b, long k)
    {
        if (k is >= 0 and <= MaxSmallDigits)
        {
            // Both factors are below 10^19, so the product stays below 10^38 and fits UInt128.
            return ((UInt128)a * Pow10(k)) % b == 0;
        }

        if (k is < 0 and >= -MaxSmallDigits)
        {
            return (UInt128)a % ((UInt128)b * Pow10(-k)) == 0;
        }

        // k > 19: b must divide a·10^k, i.e. what is left of b after a's share may hold only the factors 2 and 5
        // (each at most 64 times, fewer than k). k < -19: b·10^-k exceeds a, which then cannot be its multiple.
        return k > 0 && OnlyTwosAndFives(b / Gcd(a, b));
    }

    private static bool IsMultiple(BigInteger a, BigInteger b, long k)
    {
        if (k >= 0)
        {
            var rest = b / BigInteger.GreatestCommonDivisor(a, b);
            return CountFactor(ref rest, 2) <= k && CountFactor(ref rest, 5) <= k && rest.IsOne;
        }

        // b·10^-k ≤ a needs 10^-k ≤ a, so -k is at most a's number of digits.
        return -k <= Digits(a) && (a % (b * BigInteger.Pow(10, (int)-k))).IsZero;
    }

    private static int CompareMagnitudes(in Parts x, in Parts y)
    {
        // The position of the leading digit decides unless it is the same; then the significands, aligned, do.
        long leadX = x.Digits + x.Exponent;
        long leadY = y.Digits + y.Exponent;
        if (leadX != leadY)
        {
            return leadX.CompareTo(leadY);
        }

        long shift = x.Exponent - y.Exponent;
        if (x.Big is null && y.Big is null)
        {
            // Equal leads make |shift| the difference of two digit counts, so at most 18.
            return shift >= 0
                ? ((UInt128)x.Small * Pow10(shift)).CompareTo(y.Small)
                : ((UInt128)x.Small).CompareTo((UInt128)y.Small * Pow10(-shift));
        }

        return shift >= 0
            ? (x.Significand * BigInteger.Pow(10, (int)shift)).CompareTo(y.Significand)
            : x.Significand.CompareTo(y.Significand * BigInteger.Pow(10, (int)-shift));
    }

    /// <summary>Reads the text of a JSON number (the grammar is assumed: the parser has checked it).</summary>
    public static Parts Read(ReadOnlySpan<byte> text)
    {
        bool negative = text.Length > 0 && text[0] == (byte)'-';
        ulong significand = 0;
        int digits = 0;
        long fractionDigits = 0;
        long pendingZeros = 0;
        bool inFraction = false;
        int i = negative ? 1 : 0;
        for (; i < text.Length && text[i] is not ((byte)'e' or (byte)'E'); i++)
        {
            byte c = text[i];
            if (c == (byte)'.')
            {
                inFraction = true;
                continue;
            }

            fractionDigits += inFraction ? 1 : 0;
            if (c == (byte)'0')
            {
                // Leading zeros do not count; inner and trailing ones wait until a non-zero digit shows they are inner.
                pendingZeros += significand == 0 ? 0 : 1;
                continue;
            }

            digits += (int)Math.Min(pendingZeros, MaxSmallDigits + 1) + 1;
            if (digits > MaxSmallDigits)
            {
                return ReadBig(text, negative);
            }

            for (; pendingZeros > 0; pendingZeros--)
            {
                significand *= 10;
            }

            significand = (significand * 10) + (ulong)(c - '0');
        }

        return new Parts(negative, significand, null, digits, Clamp(Exponent(text[i..]) - fractionDigits + pendingZeros));
    }

    private static Parts ReadBig(ReadOnlySpan<byte> text, bool negative)
    {
        int end = text.IndexOfAny((byte)'e', (byte)'E');
        var mantissa = end < 0 ? text : text[..end];
        char[] digits = ArrayPool<char>.Shared.Rent(mantissa.Length);
        try
        {
            int count = 0;
            long fractionDigits = 0;
            bool inFraction = false;
            foreach (byte c in mantissa)
            {
                if (c == (byte)'.')
                {
                    inFraction = true;
                }
                else if (c != (byte)'-')
                {
                    digits[count++] = (char)c;
                    fractionDigits += inFraction ? 1 : 0;
                }
            }

            int significant = count;
            while (significant > 1 && digits[significant - 1] == '0')
            {
                significant--;
            }

            var significand = BigInteger.Parse(digits.AsSpan(0, significant), NumberStyles.None, CultureInfo.InvariantCulture);
            var exponent = Clamp(Exponent(end < 0 ? [] : text[end..]) - fractionDigits + (count - significant));
            return new Parts(negative, 0, significand, Digits(significand), exponent);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(digits);
        }
    }

    /// <summary>The value of an exponent part such as <c>e-12</c>, clamped far beyond any meaningful scale.</summary>
    private static long Exponent(ReadOnlySpan<byte> part)
    {
        if (part.IsEmpty)
        {
            return 0;
        }

        int i = 1;
        bool negative = part[i] == (byte)'-';
        i += part[i] is (byte)'-' or (byte)'+' ? 1 : 0;
        long value = 0;
        for (; i < part.Length && value < ExponentLimit; i++)
        {
            value = (value * 10) + (part[i] - '0');
        }

        return negative ? -value : value;
    }

    private static long Clamp(long exponent) => Math.Clamp(exponent, -ExponentLimit, ExponentLimit);

    private static UInt128 Pow10(long k)
    {
        UInt128 result = 1;
        for (; k > 0; k--)
        {
            result *= 10;
        }

        return result;
    }

    private static int Digits(BigInteger n) => n.IsZero ? 0 : BigInteger.Abs(n).ToString(CultureInfo.InvariantCulture).Length;

    private static ulong Gcd(ulong a, ulong b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static bool OnlyTwosAndFives(ulong n)
    {
        n >>= BitOperations.TrailingZeroCount(n);
        while (n % 5 == 0)
        {
            n /= 5;
        }

        return n == 1;
    }

    private static long CountFactor(ref BigInteger n, int factor)
    {
        long count = 0;
        while (!n.IsZero && (n % factor).IsZero)
        {
            n /= factor;
            count++;
        }

        return count;
    }

    /// <summary>±significand × 10^exponent with no trailing zeros in the significand; Big is set past 19 digits.</summary>
    internal readonly record struct Parts(bool Negative, ulong Small, BigInteger? Big, int Digits, long Exponent)
    {
        public bool IsZero => Big is { } big ? big.IsZero : Small == 0;

        public int Sign => IsZero ? 0 : Negative ? -1 : 1;

        public BigInteger Significand => Big ?? Small;
    }
}
