using System.Text.RegularExpressions;

namespace AiFlow.Domain.Privacy;

/// <summary>
/// One kind of personal data: the pattern that finds candidates, and a check that rejects look-alikes (a card number
/// must pass Luhn, a phone number must not be a date). Matches are replaced by <c>[CATEGORY]</c>.
/// </summary>
public sealed class PiiPattern
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    public PiiPattern(string category, Regex regex, Func<string, bool>? accept = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        Category = category;
        Regex = regex;
        Accept = accept ?? (_ => true);
        Marker = $"[{category.ToUpperInvariant()}]";
    }

    public string Category { get; }
    public Regex Regex { get; }
    public Func<string, bool> Accept { get; }
    public string Marker { get; }

    /// <summary>
    /// A pattern an administrator wrote. It runs on the linear-time engine, so a pattern such as <c>(a+)+$</c> cannot
    /// stall the commit of a step; a pattern that engine does not support (backreferences, lookarounds) is refused.
    /// </summary>
    public static PiiPattern Custom(string category, string pattern) =>
        new(category, new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout));
}
