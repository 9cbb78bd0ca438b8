using System.Text;

namespace AiFlow.Domain.Retrieval.Sql;

/// <summary>
/// Splits PostgreSQL SQL into tokens the way the server's own scanner does, so the guard sees what PostgreSQL would see:
/// comments (-- and nested /* */) are dropped, and nothing inside a string, a dollar quote or a quoted name is mistaken
/// for a keyword or a <c>;</c>. Assumes standard_conforming_strings = on (PostgreSQL's default since 9.1): a backslash
/// escapes only in E'' strings.
/// </summary>
public static class SqlLexer
{
    private const string OperatorChars = "+-*/<>=~!@#%^&|`?";

    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var start = i;
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && Peek(sql, i + 1) == '-')
            {
                while (i < sql.Length && sql[i] != '\n' && sql[i] != '\r') i++;
                continue;
            }
            if (c == '/' && Peek(sql, i + 1) == '*') { i = SkipBlockComment(sql, i); continue; }
            if (c == '\'') { i = ReadQuoted(sql, i, '\'', backslashEscapes: false, out var text); tokens.Add(new(SqlTokenKind.String, text, start + 1)); continue; }
            if (c == '"')
            {
                i = ReadQuoted(sql, i, '"', backslashEscapes: false, out var name);
                if (name.Length == 0) throw new SqlSyntaxException("A quoted name is empty.", start + 1);
                tokens.Add(new(SqlTokenKind.QuotedName, name, start + 1));
                continue;
            }
            if (IsPrefixedQuote(sql, i, out var prefixLength, out var quote))
            {
                var escapes = char.ToLowerInvariant(c) == 'e';
                i = ReadQuoted(sql, i + prefixLength, quote, escapes, out var text);
                tokens.Add(new(quote == '"' ? SqlTokenKind.QuotedName : SqlTokenKind.String, text, start + 1));
                continue;
            }
            if (c == '$')
            {
                if (char.IsAsciiDigit(Peek(sql, i + 1)))
                {
                    i++;
                    while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
                    tokens.Add(new(SqlTokenKind.Parameter, sql[start..i], start + 1));
                    continue;
                }
                i = ReadDollarQuoted(sql, i, out var body);
                tokens.Add(new(SqlTokenKind.String, body, start + 1));
                continue;
            }
            if (IsNameStart(c))
            {
                i++;
                while (i < sql.Length && IsNamePart(sql[i])) i++;
                tokens.Add(new(SqlTokenKind.Word, sql[start..i].ToLowerInvariant(), start + 1));
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(sql, i + 1))))
            {
                i = ReadNumber(sql, i);
                tokens.Add(new(SqlTokenKind.Number, sql[start..i], start + 1));
                continue;
            }
            if (c == ':' && Peek(sql, i + 1) == ':') { tokens.Add(new(SqlTokenKind.Punctuation, "::", start + 1)); i += 2; continue; }
            if ("()[],;.:".Contains(c, StringComparison.Ordinal)) { tokens.Add(new(SqlTokenKind.Punctuation, c.ToString(), start + 1)); i++; continue; }
            if (OperatorChars.Contains(c, StringComparison.Ordinal))
            {
                // An operator ends where a comment starts, as in PostgreSQL: "*--x" is "*" and a comment.
                while (i < sql.Length && OperatorChars.Contains(sql[i], StringComparison.Ordinal)
                    && !(sql[i] == '-' && Peek(sql, i + 1) == '-') && !(sql[i] == '/' && Peek(sql, i + 1) == '*')) i++;
                tokens.Add(new(SqlTokenKind.Operator, sql[start..i], start + 1));
                continue;
            }
            throw new SqlSyntaxException($"Unexpected character '{c}'.", start + 1);
        }
        return tokens;
    }

    private static char Peek(string sql, int index) => index < sql.Length ? sql[index] : '\0';

    private static bool IsNameStart(char c) => char.IsAsciiLetter(c) || c == '_' || c > '\u007f';

    private static bool IsNamePart(char c) => IsNameStart(c) || char.IsAsciiDigit(c) || c == '$';

    /// <summary>E'..', B'..', X'..', N'..', U&amp;'..' and U&amp;"..": a letter glued to the quote changes what it means.</summary>
    private static bool IsPrefixedQuote(string sql, int i, out int prefixLength, out char quote)
    {
        var c = char.ToLowerInvariant(sql[i]);
        (prefixLength, quote) = (0, '\0');
        if (c is 'e' or 'b' or 'x' or 'n' && Peek(sql, i + 1) == '\'') (prefixLength, quote) = (1, '\'');
        else if (c == 'u' && Peek(sql, i + 1) == '&' && Peek(sql, i + 2) is '\'' or '"') (prefixLength, quote) = (2, Peek(sql, i + 2));
        // A name that merely starts with one of these letters (e.g. "extract") is not a prefix.
        return prefixLength > 0 && (i == 0 || !IsNamePart(sql[i - 1]));
    }

    private static int SkipBlockComment(string sql, int start)
    {
        var depth = 0;
        var i = start;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Peek(sql, i + 1) == '*') { depth++; i += 2; }
            else if (sql[i] == '*' && Peek(sql, i + 1) == '/') { depth--; i += 2; if (depth == 0) return i; }
            else i++;
        }
        throw new SqlSyntaxException("A block comment is not closed.", start + 1);
    }

    private static int ReadQuoted(string sql, int start, char quote, bool backslashEscapes, out string text)
    {
        var builder = new StringBuilder();
        var i = start + 1;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (backslashEscapes && c == '\\' && i + 1 < sql.Length) { builder.Append(sql[i + 1]); i += 2; continue; }
            if (c == quote)
            {
                if (Peek(sql, i + 1) == quote) { builder.Append(quote); i += 2; continue; }
                text = builder.ToString();
                return i + 1;
            }
            builder.Append(c);
            i++;
        }
        throw new SqlSyntaxException(quote == '"' ? "A quoted name is not closed." : "A string is not closed.", start + 1);
    }

    /// <summary>$tag$ ... $tag$ (the tag may be empty); nothing inside, not even ';' or a quote, ends it early.</summary>
    private static int ReadDollarQuoted(string sql, int start, out string body)
    {
        var i = start + 1;
        if (i < sql.Length && IsNameStart(sql[i]))
        {
            while (i < sql.Length && IsNamePart(sql[i]) && sql[i] != '$') i++;
        }
        if (Peek(sql, i) != '$') throw new SqlSyntaxException("Unexpected character '$'.", start + 1);
        var tag = sql[start..(i + 1)];
        var end = sql.IndexOf(tag, i + 1, StringComparison.Ordinal);
        if (end < 0) throw new SqlSyntaxException($"A dollar-quoted string ({tag}) is not closed.", start + 1);
        body = sql[(i + 1)..end];
        return end + tag.Length;
    }

    private static int ReadNumber(string sql, int start)
    {
        var i = start;
        if (sql[i] == '0' && Peek(sql, i + 1) is 'x' or 'X' or 'o' or 'O' or 'b' or 'B')
        {
            i += 2;
            while (i < sql.Length && (char.IsAsciiLetterOrDigit(sql[i]) || sql[i] == '_')) i++;
            return i;
        }
        while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '_')) i++;
        // "1..2" is not a number followed by ".2": only one dot, and only when a second dot does not follow it.
        if (Peek(sql, i) == '.' && Peek(sql, i + 1) != '.')
        {
            i++;
            while (i < sql.Length && (char.IsAsciiDigit(sql[i]) || sql[i] == '_')) i++;
        }
        if (Peek(sql, i) is 'e' or 'E' && (char.IsAsciiDigit(Peek(sql, i + 1)) || (Peek(sql, i + 1) is '+' or '-' && char.IsAsciiDigit(Peek(sql, i + 2)))))
        {
            i += 2;
            while (i < sql.Length && char.IsAsciiDigit(sql[i])) i++;
        }
        return i;
    }
}
