using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AiFlow.Infrastructure.Settings;

/// <summary>
/// Checks a value against its <see cref="SettingDefinition"/>: the API before it saves, and the configuration provider
/// before it applies a stored row (a row edited by hand that the catalogue refuses is ignored, never half-applied).
/// </summary>
public static partial class SettingValueCheck
{
    public const string ReferenceAccepts = "the name of an environment variable or user secret (letters, digits, '_', ':', '.', '-')";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(?:[:.-][A-Za-z0-9_]+)*$")]
    private static partial Regex ReferenceName();

    // Shapes of real credentials: AWS key ids, OpenAI/Anthropic-style "sk-" keys, GitHub and Slack tokens, PEM blocks, AiFlow's own API keys.
    [GeneratedRegex("^(?:(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA)[A-Z0-9]{12,}|sk-.+|gh[pousr]_.+|github_pat_.+|xox[abprs]-.+|afk_.+|-----BEGIN.*)$", RegexOptions.Singleline)]
    private static partial Regex KnownSecretShape();

    /// <summary>Checks <paramref name="value"/> (null: JSON null or absent) against <paramref name="definition"/>.</summary>
    public static SettingCheck Check(SettingDefinition definition, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        if (kind == JsonValueKind.Null || (kind == JsonValueKind.String && value!.GetValue<string>().Length == 0))
        {
            return definition.AllowEmpty ? SettingCheck.Ok("", "null") : SettingCheck.Refused($"{definition.Key} needs a value: {definition.Accepts}.");
        }
        return definition.Type switch
        {
            SettingType.Integer => Integer(definition, value!, kind),
            SettingType.Number => Number(definition, value!, kind),
            _ when kind != JsonValueKind.String => SettingCheck.Refused($"{definition.Key} takes a string: {definition.Accepts}."),
            SettingType.Choice => Choice(definition, value!.GetValue<string>()),
            SettingType.Text => Text(definition, value!.GetValue<string>()),
            SettingType.Url => Url(definition, value!.GetValue<string>()),
            SettingType.SecretReference => Reference(definition, value!.GetValue<string>()),
            _ => throw new InvalidOperationException($"Unknown setting type {definition.Type}."),
        };
    }

    /// <summary>Checks a value stored as JSON text; text that is not JSON is refused.</summary>
    public static SettingCheck CheckStored(SettingDefinition definition, string json)
    {
        try
        {
            return Check(definition, JsonNode.Parse(json));
        }
        catch (JsonException)
        {
            return SettingCheck.Refused($"The stored value of {definition.Key} is not JSON.");
        }
    }

    /// <summary>True when <paramref name="text"/> has the shape of a credential rather than of a name that points at one.</summary>
    public static bool LooksLikeSecret(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (KnownSecretShape().IsMatch(text)) return true;
        // Base64 and URL-safe secrets carry characters no variable name has.
        if (text.IndexOfAny(['/', '+', '=', ' ']) >= 0) return true;
        // A long run of letters and digits without a single separator is a token, not a name like AIFLOW_S3_ACCESS_KEY.
        return text.Length >= 16 && text.IndexOfAny(['_', ':', '.', '-']) < 0 && text.Any(char.IsDigit) && text.Any(char.IsLetter);
    }

    private static SettingCheck Integer(SettingDefinition d, JsonNode value, JsonValueKind kind)
    {
        if (kind != JsonValueKind.Number || !value.AsValue().TryGetValue<long>(out var number))
        {
            return SettingCheck.Refused($"{d.Key} takes a whole number: {d.Accepts}.");
        }
        if ((d.Min is { } min && number < min) || (d.Max is { } max && number > max))
        {
            return SettingCheck.Refused($"{d.Key} is out of range: {d.Accepts}.");
        }
        var text = number.ToString(CultureInfo.InvariantCulture);
        return SettingCheck.Ok(text, text);
    }

    private static SettingCheck Number(SettingDefinition d, JsonNode value, JsonValueKind kind)
    {
        if (kind != JsonValueKind.Number || !value.AsValue().TryGetValue<double>(out var number) || !double.IsFinite(number))
        {
            return SettingCheck.Refused($"{d.Key} takes a number: {d.Accepts}.");
        }
        if ((d.Min is { } min && number < min) || (d.Max is { } max && number > max))
        {
            return SettingCheck.Refused($"{d.Key} is out of range: {d.Accepts}.");
        }
        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return SettingCheck.Ok(text, text);
    }

    private static SettingCheck Choice(SettingDefinition d, string text)
    {
        var choice = d.Choices!.FirstOrDefault(c => string.Equals(c, text.Trim(), StringComparison.OrdinalIgnoreCase));
        return choice is null
            ? SettingCheck.Refused($"{d.Key} takes {d.Accepts}; '{Shorten(text)}' is none of them.")
            : SettingCheck.Ok(choice, JsonSerializer.Serialize(choice));
    }

    private static SettingCheck Text(SettingDefinition d, string text) =>
        d.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1))
            ? SettingCheck.Refused($"{d.Key} takes {d.Accepts}; '{Shorten(text)}' is not one.")
            : SettingCheck.Ok(text, JsonSerializer.Serialize(text));

    private static SettingCheck Url(SettingDefinition d, string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return SettingCheck.Refused($"{d.Key} takes {d.Accepts}; '{Shorten(text)}' is not an http or https URL.");
        }
        // Credentials in a URL would be a secret stored in the settings table.
        if (uri.UserInfo.Length > 0) return SettingCheck.Refused($"{d.Key} must not carry a user name or password: put them in a secret and name it in a reference setting.");
        // A base address has paths appended to it; a query or fragment would end up in the middle of every address made.
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0) return SettingCheck.Refused($"{d.Key} takes {d.Accepts}; '{Shorten(text)}' has a query or fragment.");
        return SettingCheck.Ok(text, JsonSerializer.Serialize(text));
    }

    private static SettingCheck Reference(SettingDefinition d, string text)
    {
        // Checked before the name pattern so the refusal says why and never echoes the value.
        if (LooksLikeSecret(text))
        {
            return SettingCheck.Refused($"{d.Key} looks like a secret itself. Settings hold references only: store the secret in an environment variable or user secret and give its name here.");
        }
        return text.Length > 128 || !ReferenceName().IsMatch(text)
            ? SettingCheck.Refused($"{d.Key} takes {d.Accepts}.")
            : SettingCheck.Ok(text, JsonSerializer.Serialize(text));
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
