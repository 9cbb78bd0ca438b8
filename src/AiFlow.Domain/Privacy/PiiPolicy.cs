using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Domain.Privacy;

/// <summary>
/// Which personal data AiFlow takes out of text before it is stored, and how. Plain text is redacted as a whole; JSON
/// is redacted string by string, so the result is still the same JSON shape (numbers and property names are left as
/// they are: a pattern over the raw text could cut a number in half) and each finding names its string by pointer.
/// </summary>
public sealed partial class PiiPolicy
{
    public const string Email = "email";
    public const string Phone = "phone";
    public const string Card = "card";
    public const string Iban = "iban";

    public static readonly IReadOnlyList<string> BuiltInCategories = [Email, Iban, Card, Phone];

    private readonly IReadOnlyList<PiiPattern> patterns;

    public PiiPolicy(IEnumerable<PiiPattern> patterns) => this.patterns = [.. patterns];

    public IReadOnlyList<PiiPattern> Patterns => patterns;

    /// <summary>Every built-in category, in the order they are applied (an e-mail's digits are never taken for a phone).</summary>
    public static PiiPolicy Default { get; } = new(BuiltInCategories.Select(BuiltIn));

    public static PiiPolicy None { get; } = new([]);

    /// <summary>The built-in pattern of <paramref name="category"/>; unknown names throw, so a typo in configuration is loud.</summary>
    public static PiiPattern BuiltIn(string category) => category.ToLowerInvariant() switch
    {
        Email => new PiiPattern(Email, EmailRegex()),
        Iban => new PiiPattern(Iban, IbanRegex()),
        Card => new PiiPattern(Card, CardRegex(), m => Luhn(Digits(m))),
        Phone => new PiiPattern(Phone, PhoneRegex(), LooksLikePhone),
        _ => throw new ArgumentException($"'{category}' is not a built-in PII category; the built-in ones are {string.Join(", ", BuiltInCategories)}.", nameof(category)),
    };

    public PiiRedaction RedactText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<PiiFinding>();
        var result = Redact(text, null, findings);
        return new PiiRedaction(result, findings);
    }

    /// <summary>Redacts every string in <paramref name="json"/>; text that is not JSON is redacted as plain text.</summary>
    public PiiRedaction RedactJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (patterns.Count == 0) return new PiiRedaction(json, []);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return RedactText(json);
        }
        var findings = new List<PiiFinding>();
        var redacted = Walk(root, "", findings);
        return findings.Count == 0 ? new PiiRedaction(json, []) : new PiiRedaction(redacted?.ToJsonString() ?? "null", findings);
    }

    private JsonNode? Walk(JsonNode? node, string pointer, List<PiiFinding> findings)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    var replaced = Walk(value, pointer + "/" + Escape(key), findings);
                    if (!ReferenceEquals(replaced, value)) o[key] = replaced;
                }
                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var value = a[i];
                    var replaced = Walk(value, $"{pointer}/{i}", findings);
                    if (!ReferenceEquals(replaced, value)) a[i] = replaced;
                }
                return a;
            case JsonValue v when v.TryGetValue<string>(out var s):
                var before = findings.Count;
                var text = Redact(s, pointer, findings);
                return findings.Count == before ? v : JsonValue.Create(text);
            default:
                return node;
        }
    }

    private string Redact(string text, string? pointer, List<PiiFinding> findings)
    {
        var result = text;
        foreach (var pattern in patterns)
        {
            var count = 0;
            result = pattern.Regex.Replace(result, m =>
            {
                if (!pattern.Accept(m.Value)) return m.Value;
                count++;
                return pattern.Marker;
            });
            if (count > 0) findings.Add(new PiiFinding(pattern.Category, pointer, count));
        }
        return result;
    }

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static bool Luhn(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
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

    private static string Digits(string value)
    {
        var digits = new StringBuilder(value.Length);
        foreach (var c in value) if (char.IsAsciiDigit(c)) digits.Append(c);
        return digits.ToString();
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b", RegexOptions.CultureInvariant)]
    private static partial Regex IbanRegex();

    // A number glued by a hyphen to letters or digits is part of an identifier (a GUID's all-digit groups, an order
    // number such as AB-1234-5678), never a card or a phone: redacting it would corrupt the id at rest.
    [GeneratedRegex(@"(?<!\w|\w-)\d(?:[ -]?\d){12,18}(?!\w|-\w)", RegexOptions.CultureInvariant)]
    private static partial Regex CardRegex();

    [GeneratedRegex(@"(?<![\w+]|\w-)\+?\(?\d[\d ().\-/]{6,}\d(?!\w|-\w)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneRegex();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();
}
