using System.Text;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Builds one string for the simple patterns schemas tend to use (^[A-Z]{3}-\d{4}$ and the like):
// literals, escapes, classes, groups (first alternative) and quantifiers (their minimum, at least once
// for + and {n,}). Callers verify the result with the real Regex, so gaps only cost a fallback.
internal sealed class RegexSampler
{
    private readonly string pattern;
    private readonly Random random;
    private int position;

    private RegexSampler(string pattern, ulong seed)
    {
        this.pattern = pattern;
        random = new Random((int)(seed & 0x7FFFFFFF));
    }

    public static string? Sample(string pattern, ulong seed)
    {
        try
        {
            var sampler = new RegexSampler(pattern, seed);
            var result = new StringBuilder();
            sampler.Alternation(result);
            return result.ToString();
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private bool More => position < pattern.Length;

    private char Peek => pattern[position];

    private void Alternation(StringBuilder output)
    {
        Sequence(output);
        while (More && Peek == '|')
        {
            position++;
            Sequence(new StringBuilder()); // parsed to stay in sync, but only the first branch is used
        }
    }

    private void Sequence(StringBuilder output)
    {
        while (More && Peek is not ('|' or ')'))
        {
            // Re-read the atom for every repetition so \d{4} gives four different digits.
            var atomStart = position;
            Atom(new StringBuilder());
            var count = Quantifier();
            var next = position;
            for (var i = 0; i < count; i++)
            {
                position = atomStart;
                Atom(output);
            }

            position = next;
        }
    }

    private void Atom(StringBuilder output)
    {
        var c = pattern[position++];
        switch (c)
        {
            case '^' or '$':
                return;
            case '(':
                if (More && Peek == '?')
                {
                    SkipGroupPrefix();
                }

                Alternation(output);
                Expect(')');
                return;
            case '[':
                output.Append(CharacterClass());
                return;
            case '\\':
                output.Append(Escape(Next()));
                return;
            case '.':
                output.Append('a');
                return;
            default:
                output.Append(c);
                return;
        }
    }

    private int Quantifier()
    {
        if (!More)
        {
            return 1;
        }

        int count;
        switch (Peek)
        {
            case '?' or '*':
                position++;
                count = Peek0() == '*' ? 1 : 0;
                break;
            case '+':
                position++;
                count = 1;
                break;
            case '{':
                var close = pattern.IndexOf('}', position);
                if (close < 0)
                {
                    return 1;
                }

                var bounds = pattern[(position + 1)..close].Split(',');
                position = close + 1;
                count = int.TryParse(bounds[0], out var min) ? min : throw new FormatException();
                count = bounds.Length == 2 && count == 0 ? 1 : count;
                break;
            default:
                return 1;
        }

        if (More && Peek is '?' or '+')
        {
            position++; // lazy or possessive marker
        }

        return count;
    }

    // The character just consumed by Quantifier, so '*' repeats once (reads better) and '?' drops out.
    private char Peek0() => pattern[position - 1];

    private char CharacterClass()
    {
        var negated = More && Peek == '^';
        if (negated)
        {
            position++;
        }

        var members = new List<(char From, char To)>();
        var first = true;
        while (More && (Peek != ']' || first))
        {
            first = false;
            var from = Next();
            if (from == '\\')
            {
                members.Add(ClassEscape(Next()));
                continue;
            }

            if (More && Peek == '-' && position + 1 < pattern.Length && pattern[position + 1] != ']')
            {
                position++;
                var to = Next();
                to = to == '\\' ? Next() : to;
                members.Add((from, to));
            }
            else
            {
                members.Add((from, from));
            }
        }

        Expect(']');
        if (negated)
        {
            return "aA0_x".FirstOrDefault(c => !members.Exists(m => c >= m.From && c <= m.To), '~');
        }

        if (members.Count == 0)
        {
            throw new FormatException();
        }

        var (low, high) = members[0];
        return (char)random.Next(low, high + 1);
    }

    private static (char From, char To) ClassEscape(char c) => c switch
    {
        'd' => ('0', '9'),
        'w' => ('a', 'z'),
        's' => (' ', ' '),
        'D' or 'S' => ('x', 'x'),
        'W' => ('-', '-'),
        't' => ('\t', '\t'),
        _ => (c, c),
    };

    private string Escape(char c) => c switch
    {
        'd' => ((char)('0' + random.Next(10))).ToString(),
        'w' => ((char)('a' + random.Next(26))).ToString(),
        's' => " ",
        'D' or 'W' => "-",
        'S' => "x",
        'b' or 'B' or 'A' or 'z' or 'Z' => string.Empty,
        't' => "\t",
        'n' => "\n",
        _ => c.ToString(),
    };

    private void SkipGroupPrefix()
    {
        position++; // '?'
        if (More && Peek == '<' && position + 1 < pattern.Length && pattern[position + 1] is not ('=' or '!'))
        {
            position = pattern.IndexOf('>', position) + 1;
        }
        else if (More && Peek == ':')
        {
            position++;
        }
        else
        {
            throw new FormatException(); // lookarounds and inline options: leave to the fallback
        }
    }

    private char Next() => More ? pattern[position++] : throw new FormatException();

    private void Expect(char c)
    {
        if (!More || pattern[position++] != c)
        {
            throw new FormatException();
        }
    }
}
