using System.Text.RegularExpressions;

namespace AiFlow.Domain.Schemas.Validation;

/// <summary>
/// A compiled JSON Schema pattern. Prefers the linear-time NonBacktracking engine, which makes
/// catastrophic patterns harmless; patterns it cannot run (backreferences, lookarounds) use a match timeout.
/// </summary>
internal sealed class EcmaRegex
{
    private readonly Regex _regex;

    private EcmaRegex(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>Returns null and an explanation when the pattern is not a valid regular expression.</summary>
    public static EcmaRegex? TryCreate(string pattern, TimeSpan timeout, out string? problem)
    {
        problem = null;
        string translated;
        try
        {
            translated = EcmaRegexTranslator.Translate(pattern);
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return null;
        }

        try
        {
            // No timeout here: the engine is linear in the input, and a wall-clock limit would only fire when the
            // machine is busy, turning a valid instance invalid under load (found by the differential test, ADR 0017).
            return new EcmaRegex(pattern, new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, Regex.InfiniteMatchTimeout));
        }
        catch (NotSupportedException)
        {
            // fall through to the backtracking engine
        }
        catch (ArgumentException)
        {
            // NonBacktracking rejects some constructs with ArgumentException too; let the backtracking engine decide.
        }

        try
        {
            return new EcmaRegex(pattern, new Regex(translated, RegexOptions.CultureInvariant, timeout));
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        try
        {
            return _regex.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new SchemaLimitExceededException($"the pattern `{Pattern}` took longer than {_regex.MatchTimeout.TotalMilliseconds:0} ms");
        }
    }
}
