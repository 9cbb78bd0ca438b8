using System.Globalization;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Inference.Simulator;

// Well-known "format" values: taken from the prompt when it contains one, otherwise synthesised stably.
internal static partial class SchemaFormats
{
    private static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string? Value(string format, PromptCorpus corpus, SchemaSlot slot)
    {
        var hash = StableHash.Of(corpus.Text, slot.Path);
        return format switch
        {
            "date" => Date(corpus, hash).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "date-time" => DateTimeIn(corpus) ?? Date(corpus, hash).AddMinutes((double)(hash % 600)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            "time" => TimePattern().Match(corpus.Text) is { Success: true } t ? t.Value : "09:30:00",
            "email" => EmailPattern().Match(corpus.Text) is { Success: true } e ? e.Value : Slug(corpus, slot, ".") + "@example.com",
            "uri" or "url" or "iri" => UrlPattern().Match(corpus.Text) is { Success: true } u ? u.Value.TrimEnd('.', ',', ')') : "https://example.com/" + Slug(corpus, slot, "-"),
            "uuid" => GuidPattern().Match(corpus.Text) is { Success: true } g ? g.Value.ToLowerInvariant() : Uuid(corpus, slot),
            "hostname" => "example.com",
            "ipv4" => "192.0.2." + ((hash % 254) + 1).ToString(CultureInfo.InvariantCulture),
            "ipv6" => "2001:db8::" + (hash % 65535).ToString("x", CultureInfo.InvariantCulture),
            "duration" => "PT" + ((hash % 59) + 1).ToString(CultureInfo.InvariantCulture) + "M",
            _ => null,
        };
    }

    private static DateTime Date(PromptCorpus corpus, ulong hash)
    {
        var match = DatePattern().Match(corpus.Text);
        return match.Success && DateTime.TryParseExact(match.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed
            : Epoch.AddDays((double)(hash % 365));
    }

    private static string? DateTimeIn(PromptCorpus corpus)
    {
        var match = DateTimePattern().Match(corpus.Text);
        return match.Success && DateTimeOffset.TryParse(match.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ? match.Value : null;
    }

    // A person's or company's name reads best ("maria.lopez@example.com"), else two prompt words.
    private static string Slug(PromptCorpus corpus, SchemaSlot slot, string separator)
    {
        var name = SchemaText.ProperPhrases(corpus.Text).FirstOrDefault()?.ToLowerInvariant().Split(' ');
        if (name is not null && name.All(part => part.All(char.IsAsciiLetterOrDigit)))
        {
            return string.Join(separator, name.Take(2));
        }

        var words = corpus.Words.Where(w => w.All(char.IsAsciiLetterOrDigit)).ToList();
        if (words.Count == 0)
        {
            return "simulated";
        }

        var start = StableHash.Index(StableHash.Of(corpus.Text, slot.Path), words.Count);
        return string.Join(separator, words.Skip(start).Concat(words).Take(2));
    }

    private static string Uuid(PromptCorpus corpus, SchemaSlot slot)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), StableHash.Of(corpus.Text, slot.Path));
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 8), StableHash.Of(slot.Path, corpus.Text));
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, as validators expect
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\b\d{2}:\d{2}:\d{2}\b")]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex UrlPattern();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex GuidPattern();
}
